package io.zhengwu.assistant.knowledge;

import java.time.Instant;

/**
 * The outcome of one attempt to publish the knowledge folder (at start-up, on a file change, or
 * by an editor's reload).
 *
 * @param at when the attempt finished
 * @param published whether the new knowledge base now answers (false: the previous one still does)
 * @param guides how many guides the answering knowledge base has
 * @param validation what the checker found
 * @param failure why publishing failed besides validation errors (null when it did not)
 */
public record ReloadReport(Instant at, boolean published, int guides, ValidationReport validation, String failure) {

	/** A one-line summary for logs and the console. */
	public String summary() {
		if (this.published) {
			return "published " + this.guides + " guides (" + this.validation.warnings().size() + " warnings, "
					+ this.validation.toBeConfirmed().size() + " facts to be confirmed)";
		}
		String reason = (this.failure != null) ? this.failure
				: this.validation.errors().size() + " errors, first: " + this.validation.errors().get(0);
		return "not published, the previous knowledge base keeps answering: " + reason;
	}

}

package io.zhengwu.assistant.knowledge;

/**
 * Something the checker found in a knowledge file, printed as {@code file:line: message}.
 *
 * @param file the file, as a path under the knowledge folder's parent (e.g.
 * {@code knowledge/guides/passport.yaml})
 * @param line the 1-based line number (0 when the problem is about the whole file)
 * @param message what is wrong, in words an editor understands
 */
public record Problem(String file, int line, String message) {

	@Override
	public String toString() {
		return this.file + ":" + this.line + ": " + this.message;
	}

}

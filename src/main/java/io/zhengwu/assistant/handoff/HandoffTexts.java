package io.zhengwu.assistant.handoff;

import java.util.Map;

import io.zhengwu.assistant.knowledge.KnowledgeSearch;
import io.zhengwu.assistant.knowledge.Language;

/** What the citizen is told about the hand-off: the canned replies of {@code knowledge/replies.yaml}. */
class HandoffTexts {

	private final KnowledgeSearch knowledge;

	private final DutyRoster roster;

	HandoffTexts(KnowledgeSearch knowledge, DutyRoster roster) {
		this.knowledge = knowledge;
		this.roster = roster;
	}

	String started(Language language, long position, long waitMinutes) {
		return this.knowledge.reply("handoff_started", language,
				Map.of("position", Long.toString(position), "wait", Long.toString(waitMinutes)));
	}

	String waiting(Language language, long position) {
		return this.knowledge.reply("handoff_waiting", language, Map.of("position", Long.toString(position)));
	}

	/** The duty hours come from the roster; the help window's name and phone ({help_window},
	 * {help_phone}) are filled in by the knowledge base from the contact directory. */
	String offHours(Language language) {
		return this.knowledge.reply("off_hours", language, Map.of("hours", this.roster.hoursText(language)));
	}

	String notClaimedYet(Language language, long position) {
		return this.knowledge.reply("not_claimed_yet", language, Map.of("position", Long.toString(position)));
	}

	String endedAndRate(Language language) {
		return this.knowledge.reply("chat_ended", language, Map.of()) + "\n"
				+ this.knowledge.reply("rating_ask", language, Map.of());
	}

	String ended(Language language) {
		return this.knowledge.reply("chat_ended", language, Map.of());
	}

	/** Thanks for a rating; a bad one is told it will be followed up, a good one is not. */
	String ratingThanks(Language language, String rating) {
		return this.knowledge.reply("bad".equals(rating) ? "rating_thanks_bad" : "rating_thanks", language, Map.of());
	}

	String answerWaiting(Language language) {
		return this.knowledge.reply("answer_waiting", language, Map.of());
	}

}

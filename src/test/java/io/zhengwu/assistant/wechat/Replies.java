package io.zhengwu.assistant.wechat;

import java.util.Map;
import java.util.regex.Pattern;

import io.zhengwu.assistant.knowledge.KnowledgeSearch;
import io.zhengwu.assistant.knowledge.Language;
import io.zhengwu.assistant.knowledge.SearchResult;

import static io.zhengwu.assistant.knowledge.Language.BO;
import static io.zhengwu.assistant.knowledge.Language.ZH;

/** What the real knowledge base says, as the tests expect to read it in replies. */
record Replies(KnowledgeSearch knowledge) {

	String answer(String guideId, Language language) {
		return this.knowledge.answerText(guideId, language).orElseThrow();
	}

	String reply(String key, Language language) {
		return this.knowledge.reply(key, language, Map.of());
	}

	/** A reply in both languages, Chinese first. */
	String bilingual(String key) {
		return reply(key, ZH) + "\n\n" + reply(key, BO);
	}

	SearchResult search(String question, Language language) {
		return this.knowledge.search(question, language);
	}

	String choices(String question, Language language) {
		return this.knowledge.choiceText(search(question, language), language);
	}

	/**
	 * Whether a reply is the hand-off notice in that language: the expected wait (on duty) or the
	 * off-hours notice, whichever the roster says now; the queue position and wait vary.
	 */
	boolean handOff(String text, Language language) {
		return Pattern.matches(template("handoff_started", language), text)
				|| Pattern.matches(template("off_hours", language), text);
	}

	/**
	 * Whether a reply tells a citizen already queued that their message went to the staff: their
	 * place (on duty) or the duty hours again (off duty), whichever the roster says now.
	 */
	boolean stillQueued(String text, Language language) {
		return Pattern.matches(template("handoff_waiting", language), text)
				|| Pattern.matches(template("off_hours", language), text);
	}

	/** A reply with its {position}, {wait} and {hours} as patterns. */
	String template(String key, Language language) {
		String filled = this.knowledge.reply(key, language,
				Map.of("position", "\u0001", "wait", "\u0001", "hours", "\u0002"));
		return "(?s)" + Pattern.quote(filled).replace("\u0001", "\\E\\d+\\Q").replace("\u0002", "\\E.+\\Q");
	}

	String hit(String question, Language language, int number) {
		return search(question, language).hits().get(number - 1).guideId();
	}

}

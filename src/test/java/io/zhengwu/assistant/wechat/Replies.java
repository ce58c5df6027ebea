package io.zhengwu.assistant.wechat;

import java.util.Map;

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

	String hit(String question, Language language, int number) {
		return search(question, language).hits().get(number - 1).guideId();
	}

}

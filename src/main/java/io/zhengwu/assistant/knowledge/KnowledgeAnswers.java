package io.zhengwu.assistant.knowledge;

import java.util.Map;
import java.util.Optional;

/**
 * The {@link KnowledgeSearch} bean: answers from whatever knowledge base is published now. A bean
 * of its own, apart from {@link PublishedKnowledge}, so that the guide pages and the admin
 * interface depend on the publication while others may wrap the search (metrics, tests).
 */
final class KnowledgeAnswers implements KnowledgeSearch {

	private final PublishedKnowledge knowledge;

	KnowledgeAnswers(PublishedKnowledge knowledge) {
		this.knowledge = knowledge;
	}

	@Override
	public SearchResult search(String question, Language language) {
		return this.knowledge.search(question, language);
	}

	@Override
	public Optional<SearchResult> rememberedResult(String question, Language language) {
		return this.knowledge.rememberedResult(question, language);
	}

	@Override
	public Optional<String> answerText(String guideId, Language language) {
		return this.knowledge.answerText(guideId, language);
	}

	@Override
	public String choiceText(SearchResult result, Language language) {
		return this.knowledge.choiceText(result, language);
	}

	@Override
	public Optional<String> smallTalkReply(String text, Language language) {
		return this.knowledge.smallTalkReply(text, language);
	}

	@Override
	public String reply(String key, Language language, Map<String, String> values) {
		return this.knowledge.reply(key, language, values);
	}

}

package io.zhengwu.assistant.wechat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.zhengwu.assistant.knowledge.KnowledgeSearch;
import io.zhengwu.assistant.knowledge.Language;
import io.zhengwu.assistant.knowledge.SearchResult;
import io.zhengwu.assistant.knowledge.SearchResult.Hit;
import io.zhengwu.assistant.knowledge.SearchResult.Outcome;

/**
 * A tiny stand-in for the knowledge base with fixed, easily asserted texts: "身份证丢了" is answered
 * outright, any other question about "身份证" (or "ལག་ཁྱེར") offers three choices, "ཐོབ་ཐང་ལག་ཁྱེར" is answered in
 * Tibetan, anything else is not found. Fixed replies read {@code key(lang)}.
 */
class FixtureKnowledge implements KnowledgeSearch {

	@Override
	public SearchResult search(String question, Language language) {
		if (question.contains("身份证") && question.contains("丢")) {
			return new SearchResult(Outcome.ANSWER, List.of(new Hit("id-card-lost", "身份证丢失补领", 9)));
		}
		if (question.contains("身份证") || (question.contains("ལག་ཁྱེར") && !question.contains("ཐོབ་ཐང"))) {
			return new SearchResult(Outcome.CHOOSE, List.of(new Hit("id-card-first", "首次申领", 5),
					new Hit("id-card-renewal", "到期换领", 4.8), new Hit("id-card-lost", "丢失补领", 4.7)));
		}
		if (question.contains("ཐོབ་ཐང་ལག་ཁྱེར")) {
			return new SearchResult(Outcome.ANSWER, List.of(new Hit("id-card-first", "ཐེངས་དང་པོ", 9)));
		}
		return new SearchResult(Outcome.NONE, List.of());
	}

	@Override
	public Optional<String> answerText(String guideId, Language language) {
		if (!List.of("id-card-first", "id-card-renewal", "id-card-lost").contains(guideId)) {
			return Optional.empty();
		}
		return Optional.of((language == Language.ZH) ? "答复：" + guideId : "ལན། " + guideId);
	}

	@Override
	public String choiceText(SearchResult result, Language language) {
		StringBuilder text = new StringBuilder((language == Language.ZH) ? "请选择：" : "འདེམས་རོགས།");
		for (int i = 0; i < result.hits().size(); i++) {
			text.append(' ').append(i + 1).append('.').append(result.hits().get(i).guideId());
		}
		return text.toString();
	}

	@Override
	public Optional<String> smallTalkReply(String text, Language language) {
		return text.equals("你好") ? Optional.of("你好！有什么可以帮您？") : Optional.empty();
	}

	@Override
	public String reply(String key, Language language, Map<String, String> values) {
		return key + "(" + language.code() + ")";
	}

}

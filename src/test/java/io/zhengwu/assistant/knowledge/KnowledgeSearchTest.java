package io.zhengwu.assistant.knowledge;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.zhengwu.assistant.knowledge.SearchResult.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

/** The search over the real knowledge folder of the repository. */
class KnowledgeSearchTest {

	static PublishedKnowledge knowledge;

	@BeforeAll
	static void publishTheRealKnowledgeBase() {
		knowledge = new PublishedKnowledge(Path.of("knowledge"), "https://zw.example.cn");
		assertThat(knowledge.publish().published()).isTrue();
	}

	@Test
	void aChineseQuestionIsAnsweredWithTheRightGuideAndChineseTitles() {
		SearchResult result = knowledge.search("第一次办身份证需要带什么材料", Language.ZH);
		assertThat(result.hits()).isNotEmpty();
		assertThat(result.hits().get(0).guideId()).isEqualTo("id-card-first");
		assertThat(result.hits().get(0).title()).isEqualTo("首次申领居民身份证");
		assertThat(result.outcome()).isNotEqualTo(Outcome.NONE);
	}

	@Test
	void aQuestionSearchedOnceIsRememberedWithTheSameResultInEitherLanguage() {
		String question = "补办身份证要多少钱 " + System.nanoTime();
		assertThat(knowledge.rememberedResult(question, Language.ZH)).isEmpty();
		SearchResult searched = knowledge.search(question, Language.ZH);
		assertThat(knowledge.rememberedResult(question, Language.ZH)).contains(searched);
		assertThat(knowledge.rememberedResult(" " + question + " ", Language.BO).orElseThrow().hits())
			.extracting(SearchResult.Hit::guideId)
			.isEqualTo(searched.hits().stream().map(SearchResult.Hit::guideId).toList());
	}

	@Test
	void aTibetanQuestionSearchesTheTibetanFieldsAndGetsTibetanTitles() {
		SearchResult result = knowledge.search("སྤྱི་ཚོགས་འགན་ལེན་ཁཱ་བསྐྱར་སྒྲུབ།", Language.BO);
		assertThat(result.hits().get(0).guideId()).isEqualTo("ss-card-replace");
		assertThat(result.hits().get(0).title()).matches("[\\u0F00-\\u0FFF\\s]+");
	}

	@Test
	void aQuestionAboutSomethingElseIsNotAnswered() {
		assertThat(knowledge.search("玛旁雍错门票多少", Language.ZH).outcome()).isEqualTo(Outcome.NONE);
		assertThat(knowledge.search("   ", Language.ZH).outcome()).isEqualTo(Outcome.NONE);
	}

	@Test
	void aClearQuestionIsAnsweredAVagueOneGetsChoicesAndAnUnrelatedOneNothing() {
		SearchResult clear = knowledge.search("第一次办身份证需要什么材料", Language.ZH);
		assertThat(clear.outcome()).isEqualTo(Outcome.ANSWER);
		assertThat(clear.hits().get(0).guideId()).isEqualTo("id-card-first");
		SearchResult vague = knowledge.search("身份证", Language.ZH);
		assertThat(vague.outcome()).isEqualTo(Outcome.CHOOSE);
		assertThat(vague.hits()).extracting(SearchResult.Hit::guideId)
			.contains("id-card-first", "id-card-renewal", "id-card-lost");
		assertThat(knowledge.search("明天狮泉河会下雪吗", Language.ZH).outcome()).isEqualTo(Outcome.NONE);
		assertThat(knowledge.search("ཁྱེད་ག་ནས་ཡིན།", Language.BO).outcome()).isEqualTo(Outcome.NONE);
	}

	@Test
	void theAnswerFitsInOneWechatMessageAndEndsWithTheGuidePageLink() {
		for (Language language : Language.values()) {
			for (String id : knowledge.publication().base().guides().keySet()) {
				String answer = knowledge.answerText(id, language).orElseThrow();
				assertThat(AnswerComposer.bytes(answer)).isLessThanOrEqualTo(2048);
				assertThat(answer).endsWith("https://zw.example.cn/guides/" + id + "?lang=" + language.code());
				assertThat(answer).doesNotContain(Scripts.MARKER_ZH, Scripts.MARKER_BO);
			}
		}
		assertThat(knowledge.answerText("no-such-guide", Language.ZH)).isEmpty();
	}

	@Test
	void aMaterialNeededOnlySometimesSaysWhenInTheAnswerAsOnTheGuidePage() {
		assertThat(knowledge.answerText("marriage-registration", Language.ZH).orElseThrow())
			.contains("离婚证或丧偶证明（原件1份）：离过婚或丧偶再婚的带（请向窗口咨询）");
		assertThat(knowledge.answerText("id-card-first", Language.ZH).orElseThrow())
			.contains("监护人居民身份证（原件1份）：未满16周岁");
		assertThat(knowledge.answerText("passport", Language.BO).orElseThrow())
			.as("in Tibetan, those notes that fit in the message: the shortest first")
			.contains("ཐེམ་ཐོ་དེབ་དང་ལྟ་སྐྱོང་བའི་ལག་ཁྱེར། (མ་ཡིག 1) ལོ་ 16 མ་ཚང་ན་སྤྲོད་དགོས།");
	}

	@Test
	void whereToGoIsNeverCutShortInEitherLanguageEvenWhenTheOtherFactsAre() {
		for (Language language : Language.values()) {
			knowledge.publication().base().guides().forEach((id, guide) -> {
				String answer = knowledge.answerText(id, language).orElseThrow();
				assertThat(answer).as(id + " in " + language)
					.contains(AnswerComposer.shown(guide.window(), language))
					.contains(AnswerComposer.shown(guide.address(), language));
			});
		}
		assertThat(knowledge.answerText("ot-newborn", Language.BO).orElseThrow())
			.as("a Tibetan answer cut short for its length still names the town")
			.contains("སེང་གེ་ཁ་འབབ");
	}

	@Test
	void greetingsAndThanksGetAFriendlyReplyInsteadOfASearch() {
		assertThat(knowledge.smallTalkReply("你好！", Language.ZH)).contains(knowledge.reply("greeting", Language.ZH, Map.of()));
		assertThat(knowledge.smallTalkReply("谢谢啦", Language.ZH)).contains(knowledge.reply("thanks", Language.ZH, Map.of()));
		assertThat(knowledge.smallTalkReply("བཀྲ་ཤིས་བདེ་ལེགས།", Language.BO))
			.contains(knowledge.reply("greeting", Language.BO, Map.of()));
		assertThat(knowledge.smallTalkReply("ཐུགས་རྗེ་ཆེ།", Language.BO))
			.contains(knowledge.reply("thanks", Language.BO, Map.of()));
		assertThat(knowledge.smallTalkReply("你好，身份证丢了怎么办", Language.ZH)).isEmpty();
	}

	@Test
	void choicesAreNumberedAndTappable() {
		SearchResult result = knowledge.search("身份证", Language.ZH);
		String text = knowledge.choiceText(result, Language.ZH);
		assertThat(text).startsWith(knowledge.reply("choose_intro", Language.ZH, Map.of()));
		assertThat(text).contains("\n1. <a href=\"weixin://bizmsgmenu?msgmenucontent=")
			.contains("&msgmenuid=" + result.hits().get(0).guideId() + "\">")
			.contains("\n2. ")
			.contains("\n3. ");
	}

	@Test
	void theHandOffFallbackNamesTheHelpWindowFromTheContactDirectory() {
		String zh = knowledge.reply("handoff_unavailable", Language.ZH, Map.of());
		assertThat(zh).contains("帮办代办").doesNotContain("{help_window}", Scripts.MARKER_ZH);
		String bo = knowledge.reply("handoff_unavailable", Language.BO, Map.of());
		assertThat(bo).contains("རོགས་སྒྲུབ་ཚབ་སྒྲུབ").doesNotContain("{help_phone}", Scripts.MARKER_BO);
	}

	@Test
	void theWelcomeIsSentInBothLanguages() {
		String welcome = knowledge.reply("welcome", Language.ZH, Map.of());
		assertThat(welcome).contains("欢迎").contains("བཀྲ་ཤིས་བདེ་ལེགས");
	}

}

package io.zhengwu.assistant.knowledge;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zhengwu.assistant.knowledge.SearchResult.Hit;

import static org.assertj.core.api.Assertions.assertThat;

/** Questions go to the fields of their script; synonym lists apply at query time in both languages. */
class SynonymsAndRoutingTest {

	/** The repository's knowledge, published once for the tests that only search it. */
	static PublishedKnowledge knowledge;

	@TempDir
	Path temp;

	@BeforeAll
	static void publishTheRealKnowledgeBase() {
		knowledge = new PublishedKnowledge(Path.of("knowledge"), "http://localhost:8080");
		assertThat(knowledge.publish().published()).isTrue();
	}

	@Test
	void chineseTextIsRoutedToTheChineseFieldsAndTibetanToTheTibetan() {
		assertThat(GuideIndex.splitByScript("身份证丢了")).containsOnlyKeys(Language.ZH);
		assertThat(GuideIndex.splitByScript("ཐོབ་ཐང་ལག་ཁྱེར་བརླག་སོང་།")).containsOnlyKeys(Language.BO);
		Map<Language, String> mixed = GuideIndex.splitByScript("身份证 ཐོབ་ཐང་ལག་ཁྱེར་བརླག་སོང་།");
		assertThat(mixed).containsOnlyKeys(Language.ZH, Language.BO);
		assertThat(mixed.get(Language.ZH)).contains("身份证").doesNotContain("ཐོབ");
		assertThat(mixed.get(Language.BO)).contains("ཐོབ་ཐང").doesNotContain("身");
		assertThat(GuideIndex.splitByScript("12123")).as("digits alone search the Chinese fields")
			.containsOnlyKeys(Language.ZH);
	}

	@Test
	void aMixedQuestionFindsGuidesThroughBothLanguages() {
		assertThat(ids(knowledge, "护照 ཐོབ་ཐང་ལག་ཁྱེར་བརླག་སོང་།")).contains("passport", "id-card-lost");
	}

	@Test
	void synonymsFromTheListsApplyToQuestionsInBothLanguages() {
		Path dir = KnowledgeFixtures.copyOfTheRealKnowledge(this.temp);
		PublishedKnowledge copy = new PublishedKnowledge(dir, "http://localhost:8080");
		copy.publish();
		assertThat(ids(copy, "嘎嘎纸")).doesNotContain("border-permit");
		assertThat(ids(copy, "ཀྭ་ཁྭ་གྭ")).doesNotContain("border-permit");

		KnowledgeFixtures.write(dir.resolve("synonyms/zh-test.txt"), "# test\n嘎嘎纸, 边境管理区通行证\n");
		KnowledgeFixtures.write(dir.resolve("synonyms/bo-test.txt"), "# test\nཀྭ་ཁྭ་གྭ, མཐའ་མཚམས་འགྲིམ་འགྲུལ་ལག་ཁྱེར།\n");
		assertThat(copy.publish().published()).isTrue();

		assertThat(ids(copy, "嘎嘎纸怎么办")).first().isEqualTo("border-permit");
		assertThat(ids(copy, "ཀྭ་ཁྭ་གྭ་ཇི་ལྟར་ཞུ།")).first().isEqualTo("border-permit");
	}

	@Test
	void theEditorsSynonymsLetCitizensUseEverydayWords() {
		assertThat(ids(knowledge, "驾照到期了")).first().isEqualTo("driver-license-renewal");
		assertThat(ids(knowledge, "医保卡丢了")).first().isEqualTo("ss-card-replace");
	}

	@Test
	void tibetanCaseAndTenseEndingsMatchThePlainSyllableButNotWhereTheyArePartOfTheWord() {
		try (Analyzer syllables = Analysis.tibetanSyllables()) {
			assertThat(GuideIndex.terms(syllables, "bos.all", "སློབ་གྲྭར་འཛུལ་རྒྱུར།")).containsExactly("སློབ", "གྲྭ",
					"འཛུལ", "རྒྱུ");
			assertThat(GuideIndex.terms(syllables, "bos.all", "ཁང་པ་ཉོས།")).containsExactly("ཁང", "པ", "ཉོ");
			assertThat(GuideIndex.terms(syllables, "bos.all", "པར་ལས།")).as("after a bare letter: photo, work")
				.containsExactly("པར", "ལས");
			assertThat(GuideIndex.terms(syllables, "bos.all", "དུས་ཚོད། ཉེས་གཞི།"))
				.as("time and offence are words, not དུ (to) and ཉེ (near) with an ending")
				.containsExactly("དུས", "ཚོད", "ཉེས", "གཞི");
		}
		assertThat(Analysis.NON_TOPIC_WORDS).as("question words are known without their ending too")
			.contains("དགོས", "དགོ", "ལྟར", "ལྟ");
	}

	@Test
	void aTibetanQuestionWithCaseEndingsAndTheWayToIsAnsweredLikeThePlainOne() {
		SearchResult result = knowledge.search("ལམ་ཡིག་ཞུ་རྒྱུར་ཡིག་ཆ་ག་རེ་དགོས།", Language.BO);
		assertThat(result.outcome()).isEqualTo(SearchResult.Outcome.ANSWER);
		assertThat(result.hits()).first().extracting(Hit::guideId).isEqualTo("passport");
	}

	@Test
	void anAgeOrAmountInAQuestionNeitherAddsToNorTakesFromItsCoverage() {
		assertThat(List.of("16", "十六", "二〇二六", "༡༦")).allMatch(Analysis::isNumber);
		assertThat(List.of("一个", "16岁", "ཐོབ", "")).noneMatch(Analysis::isNumber);
		GuideIndex index = knowledge.publication().index();
		GuideIndex.Candidate inDigits = index.search("孩子满16岁了第一次办身份证", 1).get(0);
		GuideIndex.Candidate inWords = index.search("孩子满十六岁了第一次办身份证", 1).get(0);
		assertThat(inWords.guideId()).isEqualTo(inDigits.guideId()).isEqualTo("id-card-first");
		assertThat(inWords.wordCoverage()).as("十六 is not a word no guide knows").isEqualTo(inDigits.wordCoverage());
	}

	@Test
	void sayingWhenInAQuestionTodayThisAfternoonDoesNotCountAgainstItsMatter() {
		GuideIndex index = knowledge.publication().index();
		GuideIndex.Candidate plain = index.search("护照怎么办", 1).get(0);
		GuideIndex.Candidate today = index.search("今天下午护照怎么办", 1).get(0);
		assertThat(today.guideId()).isEqualTo(plain.guideId()).isEqualTo("passport");
		assertThat(today.wordCoverage()).isEqualTo(plain.wordCoverage());
	}

	private static List<String> ids(PublishedKnowledge knowledge, String question) {
		return knowledge.search(question, Language.detect(question, Language.ZH))
			.hits()
			.stream()
			.map(Hit::guideId)
			.toList();
	}

}

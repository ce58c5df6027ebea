package io.zhengwu.assistant.knowledge;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The checker ({@code validate}): passes on the real folder, catches each kind of error in a broken copy. */
class ValidationTest {

	@TempDir
	Path temp;

	record Run(int exitCode, String output) {
	}

	private static Run validate(Path dir) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		int code = KnowledgeCommands.validate(new String[] { "--knowledge", dir.toString() },
				new PrintStream(bytes, true, StandardCharsets.UTF_8));
		return new Run(code, bytes.toString(StandardCharsets.UTF_8));
	}

	/** Validates a copy of the real folder whose guide id-card-first is the fixture, changed by {@code edit}. */
	private Run brokenGuide(java.util.function.UnaryOperator<String> edit) {
		return broken((dir) -> KnowledgeFixtures.write(dir.resolve("guides/id-card-first.yaml"),
				edit.apply(KnowledgeFixtures.GUIDE)));
	}

	private Run broken(Consumer<Path> change) {
		Path dir = KnowledgeFixtures.copyOfTheRealKnowledge(this.temp);
		change.accept(dir);
		return validate(dir);
	}

	private static void assertFails(Run run, String... expected) {
		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
		assertThat(run.output()).contains(expected).contains("FAILED");
	}

	@Test
	void theRealKnowledgeFolderPassesAndItsUnconfirmedFactsAreListed() {
		Run run = validate(Path.of("knowledge"));
		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).contains("OK: knowledge passes the checker").contains("To be confirmed (");
	}

	@Test
	void theFixtureGuideIsValidSoEachBrokenCopyFailsForOneReasonOnly() {
		Run run = brokenGuide((guide) -> guide);
		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).contains("knowledge/guides/id-card-first.yaml:20: where.address: 阿里地区政务服务中心【待确认】");
	}

	@Test
	void aMissingRequiredFieldIsReportedWithTheFileAndLine() {
		assertFails(brokenGuide((guide) -> guide.replace("fee: {zh: 工本费20元。, bo: བཟོ་གྲོན་སྒོར་ 20།}\n", "")),
				"knowledge/guides/id-card-first.yaml:1: fee is missing");
	}

	@Test
	void aFieldWithoutItsTibetanTextFails() {
		assertFails(brokenGuide((guide) -> guide.replace("when: {zh: 工作日办理。, bo: ལས་ཉིན་ལ་སྒྲུབ།}", "when: {zh: 工作日办理。}")),
				"knowledge/guides/id-card-first.yaml:21: when.bo is missing or empty");
	}

	@Test
	void tibetanLettersInAChineseTextFail() {
		assertFails(brokenGuide((guide) -> guide.replace("fee: {zh: 工本费20元。", "fee: {zh: 工本费20元。སྒོར།")),
				"knowledge/guides/id-card-first.yaml:17: fee: the Chinese (zh) text holds Tibetan letters");
	}

	@Test
	void chineseCharactersInATibetanTextFail() {
		assertFails(brokenGuide((guide) -> guide.replace("bo: བཟོ་གྲོན་སྒོར་ 20།}", "bo: 工本费 20}")),
				"knowledge/guides/id-card-first.yaml:17: fee: the Tibetan (bo) text holds Chinese characters");
	}

	@Test
	void anIdThatDiffersFromTheFileNameFails() {
		assertFails(brokenGuide((guide) -> guide.replace("id: id-card-first", "id: id-card-renewal")),
				"knowledge/guides/id-card-first.yaml:1: id 'id-card-renewal' does not match the file name");
	}

	@Test
	void aGuideThatIsNotInTheCatalogueFails() {
		assertFails(broken((dir) -> KnowledgeFixtures.write(dir.resolve("guides/fishing-licence.yaml"),
				KnowledgeFixtures.GUIDE.replace("id: id-card-first", "id: fishing-licence"))),
				"knowledge/guides/fishing-licence.yaml:1: id 'fishing-licence' is not in the catalogue");
	}

	@Test
	void aRelatedGuideThatDoesNotExistFails() {
		assertFails(brokenGuide((guide) -> guide.replace("related: [id-card-renewal]", "related: [id-card-renewal, moon-visa]")),
				"related guide 'moon-visa' does not exist");
	}

	@Test
	void fewerThanThreeSampleQuestionsInALanguageFail() {
		assertFails(brokenGuide((guide) -> guide.replace("    - 小孩不到16岁能办身份证吗\n", "")),
				"knowledge/guides/id-card-first.yaml:27: questions.zh has 2, needs at least 3");
	}

	@Test
	void anAnswerTooLongForOneWechatMessageFails() {
		String many = "  - name: {zh: 很长的材料名称很长的材料名称很长的材料名称, bo: ཡིག་ཆའི་མིང་རིང་པོ་ཡིག་ཆའི་མིང་རིང་པོ་ཡིག་ཆའི་མིང་རིང་པོ།}\n"
				+ "    form: copy\n    count: 2\n";
		assertFails(brokenGuide((guide) -> guide.replace("steps:\n", many.repeat(30) + "steps:\n")),
				"knowledge/guides/id-card-first.yaml:1: the short answer in zh does not fit in one WeChat message",
				"the short answer in bo does not fit");
	}

	@Test
	void malformedYamlIsReportedAtItsLine() {
		assertFails(brokenGuide((guide) -> guide.replace("fee: {zh: 工本费20元。, bo: བཟོ་གྲོན་སྒོར་ 20།}", "fee: {zh: 工本费20元。, bo")),
				"knowledge/guides/id-card-first.yaml:18: not valid YAML");
	}

	@Test
	void aKeyWrittenTwiceFails() {
		assertFails(brokenGuide((guide) -> guide.replace("when:", "fee: {zh: 免费。, bo: རིན་མེད།}\nwhen:")),
				"knowledge/guides/id-card-first.yaml:21: 'fee' appears twice");
	}

	@Test
	void aMisspelledFieldFailsInsteadOfBeingIgnored() {
		assertFails(brokenGuide((guide) -> guide.replace("online:", "onlin:")),
				"unknown field 'onlin'", "online is missing");
	}

	@Test
	void anUnknownMaterialFormAndABadCountFail() {
		assertFails(brokenGuide((guide) -> guide.replace("form: original", "form: photocopy").replace("count: 1", "count: many")),
				"id-card-first.yaml:10: material form 'photocopy' is not one of",
				"id-card-first.yaml:11: material count 'many' is not a number");
	}

	@Test
	void aFactMarkedToBeConfirmedInOnlyOneLanguageFails() {
		assertFails(brokenGuide((guide) -> guide.replace("contact: {zh: 户政窗口。,", "contact: {zh: 户政窗口电话【待确认】,")),
				"id-card-first.yaml:23: contact is marked to be confirmed in zh only");
	}

	@Test
	void aBadSynonymRuleFailsWithItsLine() {
		assertFails(broken((dir) -> KnowledgeFixtures.write(dir.resolve("synonyms/zh-test.txt"),
				"# test\n身份证, 身分证\n户口 => 户籍 => 户口本\nཐོབ་ཐང, 身份证\n")),
				"knowledge/synonyms/zh-test.txt:3: not a valid synonym rule",
				"knowledge/synonyms/zh-test.txt:4: the Chinese (zh) text holds Tibetan letters");
	}

	@Test
	void aMissingFixedReplyFails() {
		assertFails(broken((dir) -> {
			Path replies = dir.resolve("replies.yaml");
			KnowledgeFixtures.write(replies, KnowledgeFixtures.read(replies).replaceFirst("(?m)^thanks:", "thanks_old:"));
		}), "knowledge/replies.yaml:", "the reply 'thanks' is missing");
	}

	@Test
	void anEvaluationLineNamingAnUnknownGuideFails() {
		assertFails(broken((dir) -> KnowledgeFixtures.write(dir.resolve("eval/zz-test.tsv"),
				"question\texpected\n身份证丢了\tid-card-lost\n护照\tpassport-of-mars\n")),
				"knowledge/eval/zz-test.tsv:3: guide 'passport-of-mars' does not exist");
	}

}

package io.zhengwu.assistant.wechat;

import io.zhengwu.assistant.knowledge.KnowledgeSearch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.zhengwu.assistant.knowledge.Language.BO;
import static io.zhengwu.assistant.knowledge.Language.ZH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dialogue rules as a citizen meets them through the webhook, answered from the real
 * knowledge base: language, numbered choices, asking for a person, not-found twice, the rate limit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("test")
@Import(WebhookTestConfiguration.class)
class ConversationOverWebhookTest {

	static final String TOKEN = WechatConfiguration.generateToken();

	static final String APP_ID = "wxtalk" + TOKEN.substring(0, 12);

	static final int RATE_LIMIT = 6;

	static final String LOST_ID = "身份证丢了怎么办";

	static final String LOST_ID_BO = "ཐོབ་ཐང་ལག་ཁྱེར་བརླག་སོང་ན་ཇི་ལྟར་བྱེད།";

	/** Questions the real knowledge base does not answer. */
	static final String[] UNKNOWN = { "火星签证", "月球户口", "金星驾照", "玛旁雍错门票多少" };

	@DynamicPropertySource
	static void account(DynamicPropertyRegistry registry) {
		registry.add("zhengwu.wechat.app-id", () -> APP_ID);
		registry.add("zhengwu.wechat.token", () -> TOKEN);
		registry.add("zhengwu.conversation.rate-limit-per-minute", () -> RATE_LIMIT);
	}

	@Autowired
	WebTestClient client;

	@Autowired
	KnowledgeSearch knowledge;

	@Autowired
	io.zhengwu.assistant.knowledge.KnowledgeAdmin admin;

	Replies replies;

	@BeforeEach
	void replies() {
		this.replies = new Replies(this.knowledge);
	}

	Citizen citizen() {
		return new Citizen(this.client, TOKEN, APP_ID);
	}

	String say(Citizen citizen, String text) {
		return Citizen.content(citizen.ask(citizen.text(text)));
	}

	@Test
	void aCitizenIsAnsweredInTheScriptTheyWroteIn() {
		Citizen citizen = citizen();
		assertThat(say(citizen, LOST_ID)).isEqualTo(this.replies.answer("id-card-lost", ZH));
		assertThat(say(citizen, LOST_ID_BO)).isEqualTo(this.replies.answer("id-card-lost", BO));
		assertThat(say(citizen, UNKNOWN[0])).isEqualTo(this.replies.reply("not_found", ZH));
	}

	@Test
	void searchesRunOnTheirOwnThreadsNotOnTheEventLoopNorBesideWechatApiCalls() {
		Citizen citizen = citizen();
		String question = ObservedKnowledge.tagged(LOST_ID, citizen.openId);
		assertThat(say(citizen, question)).isEqualTo(this.replies.answer("id-card-lost", ZH));
		assertThat(ObservedKnowledge.threads.get(question)).startsWith("knowledge-search");
	}

	@Test
	void aLanguagePreferenceTypedByTheCitizenWinsOverTheScriptTheyWriteIn() {
		Citizen citizen = citizen();
		assertThat(say(citizen, "བོད་ཡིག")).isEqualTo(this.replies.reply("language_switched", BO));
		assertThat(say(citizen, LOST_ID)).isEqualTo(this.replies.answer("id-card-lost", BO));
		assertThat(say(citizen, "中文")).isEqualTo(this.replies.reply("language_switched", ZH));
		assertThat(say(citizen, LOST_ID_BO)).isEqualTo(this.replies.answer("id-card-lost", ZH));
	}

	@Test
	void aNumberPicksOneOfTheOfferedChoicesAndOnlyWhileChoicesArePending() {
		Citizen citizen = citizen();
		assertThat(say(citizen, "办身份证")).isEqualTo(this.replies.choices("办身份证", ZH)).contains("\n2. ");
		assertThat(say(citizen, "2")).isEqualTo(this.replies.answer(this.replies.hit("办身份证", ZH, 2), ZH));
		// The choice was used up: a bare number now gets what can be asked — twice, and no hand-off,
		// which two questions nobody answers in a row would be.
		assertThat(say(citizen, "2")).isEqualTo(this.replies.reply("topics", ZH));
		assertThat(say(citizen, "2")).isEqualTo(this.replies.reply("topics", ZH));
	}

	@Test
	void aFullWidthOrTibetanDigitOrATappedChoicePicksToo() {
		Citizen citizen = citizen();
		say(citizen, "办身份证");
		assertThat(say(citizen, "３")).isEqualTo(this.replies.answer(this.replies.hit("办身份证", ZH, 3), ZH));
		say(citizen, "办身份证");
		assertThat(say(citizen, "༡")).as("a Tibetan digit is Tibetan")
			.isEqualTo(this.replies.answer(this.replies.hit("办身份证", ZH, 1), BO));
		say(citizen, "办身份证");
		String second = this.replies.hit("办身份证", ZH, 2);
		String tapped = citizen.text("到期换领").replace("</xml>", "<bizmsgmenuid>" + second + "</bizmsgmenuid></xml>");
		assertThat(Citizen.content(citizen.ask(tapped))).isEqualTo(this.replies.answer(second, ZH));
	}

	@Test
	void aBareNumberIsAnsweredInTheLanguageOfTheQuestionThatOfferedTheChoices() {
		Citizen citizen = citizen();
		String question = "ཐོབ་ཐང་ལག་ཁྱེར";
		assertThat(say(citizen, question)).isEqualTo(this.replies.choices(question, BO));
		assertThat(say(citizen, "1")).isEqualTo(this.replies.answer(this.replies.hit(question, BO, 1), BO));
	}

	@Test
	void askingForAPersonIsAHandOffInBothLanguages() {
		for (String words : new String[] { "转人工", "人工", "我要找工作人员" }) {
			assertThat(say(citizen(), words)).as(words).matches((reply) -> this.replies.handOff(reply, ZH));
		}
		for (String words : new String[] { "ལས་བྱེད་པ་དང་འབྲེལ་བ་བྱེད་འདོད།", "མི་དངོས།" }) {
			assertThat(say(citizen(), words)).as(words).matches((reply) -> this.replies.handOff(reply, BO));
		}
	}

	@Test
	void whileHandedOffTheCitizensMessagesGoToTheStaffUntilTheyEndItInTheirLanguage() {
		Citizen chinese = citizen();
		say(chinese, "转人工");
		assertThat(say(chinese, LOST_ID)).as("not answered by the bot")
			.isNotEqualTo(this.replies.answer("id-card-lost", ZH))
			.matches((reply) -> this.replies.stillQueued(reply, ZH));
		assertThat(say(chinese, "结束")).isEqualTo(this.replies.reply("chat_ended", ZH));
		assertThat(say(chinese, LOST_ID)).isEqualTo(this.replies.answer("id-card-lost", ZH));
		Citizen tibetan = citizen();
		say(tibetan, "མི་དངོས།");
		assertThat(say(tibetan, LOST_ID_BO)).matches((reply) -> this.replies.stillQueued(reply, BO));
		assertThat(say(tibetan, "མཇུག་སྒྲིལ།")).isEqualTo(this.replies.reply("chat_ended", BO));
		assertThat(say(tibetan, LOST_ID_BO)).isEqualTo(this.replies.answer("id-card-lost", BO));
	}

	@Test
	void typingTheWordForTopicsListsThem() {
		Citizen citizen = citizen();
		assertThat(say(citizen, "目录")).isEqualTo(this.replies.reply("topics", ZH));
		assertThat(say(citizen, "ཐོ་ཡིག")).isEqualTo(this.replies.reply("topics", BO));
	}

	@Test
	void aSecondNotFoundInARowIsAHandOffAndAnAnswerInBetweenResetsTheCount() {
		Citizen citizen = citizen();
		assertThat(say(citizen, UNKNOWN[0])).isEqualTo(this.replies.reply("not_found", ZH));
		assertThat(say(citizen, LOST_ID)).isEqualTo(this.replies.answer("id-card-lost", ZH));
		assertThat(say(citizen, UNKNOWN[1])).isEqualTo(this.replies.reply("not_found", ZH));
		assertThat(say(citizen, UNKNOWN[2])).matches((reply) -> this.replies.handOff(reply, ZH));
		assertThat(say(citizen, "结束")).isEqualTo(this.replies.reply("chat_ended", ZH));
		assertThat(say(citizen, UNKNOWN[3])).isEqualTo(this.replies.reply("not_found", ZH));
	}

	@Test
	void aQuestionNoGuideAnswersIsRecordedForTheEditorsWithoutWhoAskedIt() {
		Citizen citizen = citizen();
		String question = UNKNOWN[3];
		long before = timesRecorded(question);
		assertThat(say(citizen, question)).isEqualTo(this.replies.reply("not_found", ZH));
		assertThat(timesRecorded(question)).isEqualTo(before + 1);
		assertThat(this.admin.unanswered(ZH, 1000).collectList().block(java.time.Duration.ofSeconds(30)))
			.noneMatch((unanswered) -> unanswered.question().contains(citizen.openId));
	}

	long timesRecorded(String question) {
		return this.admin.unanswered(ZH, 1000)
			.filter((unanswered) -> unanswered.question().equals(question))
			.map(io.zhengwu.assistant.knowledge.UnansweredQuestion::count)
			.next()
			.defaultIfEmpty(0L)
			.block(java.time.Duration.ofSeconds(30));
	}

	@Test
	void smallTalkGetsAFriendlyReplyNotASearch() {
		Citizen citizen = citizen();
		assertThat(say(citizen, "你好")).isEqualTo(this.replies.reply("greeting", ZH));
		assertThat(say(citizen, "ཐུགས་རྗེ་ཆེ།")).isEqualTo(this.replies.reply("thanks", BO));
		assertThat(ObservedKnowledge.searchesFor("你好")).isZero();
	}

	@Test
	void aCitizenOverTheRateLimitIsToldPolitelyOnceAndThenNotAnswered() {
		Citizen citizen = citizen();
		for (int i = 0; i < RATE_LIMIT; i++) {
			assertThat(say(citizen, LOST_ID)).isEqualTo(this.replies.answer("id-card-lost", ZH));
		}
		assertThat(say(citizen, LOST_ID)).isEqualTo(this.replies.bilingual("rate_limited"));
		assertThat(citizen.ask(citizen.text(LOST_ID))).isEqualTo("success");
		// Another citizen is not affected.
		Citizen other = citizen();
		assertThat(say(other, LOST_ID)).isEqualTo(this.replies.answer("id-card-lost", ZH));
	}

}

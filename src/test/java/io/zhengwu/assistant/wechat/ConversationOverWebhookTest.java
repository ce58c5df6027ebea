package io.zhengwu.assistant.wechat;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dialogue rules as a citizen meets them through the webhook: language, numbered choices,
 * asking for a person, not-found twice, and the rate limit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("test")
@Import(WebhookTestConfiguration.class)
class ConversationOverWebhookTest {

	static final String TOKEN = WechatConfiguration.generateToken();

	static final String APP_ID = "wxtalk" + TOKEN.substring(0, 12);

	static final int RATE_LIMIT = 6;

	@DynamicPropertySource
	static void account(DynamicPropertyRegistry registry) {
		registry.add("zhengwu.wechat.app-id", () -> APP_ID);
		registry.add("zhengwu.wechat.token", () -> TOKEN);
		registry.add("zhengwu.conversation.rate-limit-per-minute", () -> RATE_LIMIT);
	}

	@Autowired
	WebTestClient client;

	Citizen citizen() {
		return new Citizen(this.client, TOKEN, APP_ID);
	}

	String say(Citizen citizen, String text) {
		return Citizen.content(citizen.ask(citizen.text(text)));
	}

	@Test
	void aCitizenIsAnsweredInTheScriptTheyWroteIn() {
		Citizen citizen = citizen();
		assertThat(say(citizen, "身份证丢了")).isEqualTo("答复：id-card-lost");
		assertThat(say(citizen, "ཐོབ་ཐང་ལག་ཁྱེར་ཇི་ལྟར་ལེན།")).isEqualTo("ལན། id-card-first");
		assertThat(say(citizen, "火星签证")).isEqualTo("not_found(zh)");
	}

	@Test
	void aLanguagePreferenceTypedByTheCitizenWinsOverTheScriptTheyWriteIn() {
		Citizen citizen = citizen();
		assertThat(say(citizen, "བོད་ཡིག")).isEqualTo("language_set(bo)");
		assertThat(say(citizen, "身份证丢了")).isEqualTo("ལན། id-card-lost");
		assertThat(say(citizen, "中文")).isEqualTo("language_set(zh)");
		assertThat(say(citizen, "ཐོབ་ཐང་ལག་ཁྱེར")).isEqualTo("答复：id-card-first");
	}

	@Test
	void aNumberPicksOneOfTheOfferedChoicesAndOnlyWhileChoicesArePending() {
		Citizen citizen = citizen();
		assertThat(say(citizen, "办身份证")).isEqualTo("请选择： 1.id-card-first 2.id-card-renewal 3.id-card-lost");
		assertThat(say(citizen, "2")).isEqualTo("答复：id-card-renewal");
		// The choice was used up: a bare number is now just a question nobody can answer.
		assertThat(say(citizen, "2")).isEqualTo("not_found(zh)");
	}

	@Test
	void aFullWidthOrTibetanDigitOrATappedChoicePicksToo() {
		Citizen citizen = citizen();
		say(citizen, "办身份证");
		assertThat(say(citizen, "３")).isEqualTo("答复：id-card-lost");
		say(citizen, "办身份证");
		assertThat(say(citizen, "༡")).as("a Tibetan digit is Tibetan").isEqualTo("ལན། id-card-first");
		say(citizen, "办身份证");
		String tapped = citizen.text("到期换领").replace("</xml>", "<bizmsgmenuid>2</bizmsgmenuid></xml>");
		assertThat(Citizen.content(citizen.ask(tapped))).isEqualTo("答复：id-card-renewal");
	}

	@Test
	void aBareNumberIsAnsweredInTheLanguageOfTheQuestionThatOfferedTheChoices() {
		Citizen citizen = citizen();
		assertThat(say(citizen, "ལག་ཁྱེར")).isEqualTo("འདེམས་རོགས། 1.id-card-first 2.id-card-renewal 3.id-card-lost");
		assertThat(say(citizen, "1")).isEqualTo("ལན། id-card-first");
	}

	@Test
	void askingForAPersonIsAHandOffInBothLanguages() {
		Citizen chinese = citizen();
		assertThat(say(chinese, "转人工")).isEqualTo("handoff_unavailable(zh)");
		assertThat(say(chinese, "我要找工作人员")).isEqualTo("handoff_unavailable(zh)");
		Citizen tibetan = citizen();
		assertThat(say(tibetan, "ལས་བྱེད་པ་དང་འབྲེལ་བ་བྱེད་འདོད།")).isEqualTo("handoff_unavailable(bo)");
	}

	@Test
	void aSecondNotFoundInARowIsAHandOffAndAnAnswerInBetweenResetsTheCount() {
		Citizen citizen = citizen();
		assertThat(say(citizen, "火星签证")).isEqualTo("not_found(zh)");
		assertThat(say(citizen, "身份证丢了")).isEqualTo("答复：id-card-lost");
		assertThat(say(citizen, "月球户口")).isEqualTo("not_found(zh)");
		assertThat(say(citizen, "金星驾照")).isEqualTo("handoff_unavailable(zh)");
		assertThat(say(citizen, "水星社保")).isEqualTo("not_found(zh)");
	}

	@Test
	void smallTalkGetsAFriendlyReplyNotASearch() {
		Citizen citizen = citizen();
		assertThat(say(citizen, "你好")).isEqualTo("你好！有什么可以帮您？");
		assertThat(ObservedKnowledge.searchesFor("你好")).isZero();
	}

	@Test
	void aCitizenOverTheRateLimitIsToldPolitelyOnceAndThenNotAnswered() {
		Citizen citizen = citizen();
		for (int i = 0; i < RATE_LIMIT; i++) {
			assertThat(say(citizen, "身份证丢了")).isEqualTo("答复：id-card-lost");
		}
		assertThat(say(citizen, "身份证丢了")).isEqualTo("rate_limited(zh)\n\nrate_limited(bo)");
		assertThat(citizen.ask(citizen.text("身份证丢了"))).isEqualTo("success");
		// Another citizen is not affected.
		Citizen other = citizen();
		assertThat(say(other, "身份证丢了")).isEqualTo("答复：id-card-lost");
	}

}

package io.zhengwu.assistant.console;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.zhengwu.assistant.ZhengwuAssistant;
import io.zhengwu.assistant.simulator.FakeWechatApi;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the app on one Redis, as behind a load balancer: the citizen writes to
 * instance A through the real webhook; the officer is logged in to the console on instance B,
 * sees the chat arrive live, claims it, replies (the fake WeChat API receives the customer-service
 * message), and the citizen's next message, again to A, reaches the officer and not the bot.
 */
@SpringBootTest(classes = ZhengwuAssistant.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TwoInstancesHandOffTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	static final String TOKEN = "tok" + UUID.randomUUID().toString().replace("-", "");

	static final String OFFICER = "e2e-" + UUID.randomUUID().toString().substring(0, 8);

	static final String PASSWORD = UUID.randomUUID().toString();

	static final String HASH = "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD);

	static ConfigurableApplicationContext instanceB;

	@LocalServerPort
	int portA;

	@Autowired
	FakeWechatApi wechatA;

	@DynamicPropertySource
	static void sameAccountOnBothInstances(DynamicPropertyRegistry registry) {
		settings().forEach((key, value) -> registry.add(key, () -> value));
	}

	static Map<String, String> settings() {
		return Map.of("zhengwu.wechat.token", TOKEN, "zhengwu.wechat.app-id", "wxe2e" + TOKEN.substring(3, 15),
				"zhengwu.console.demo-login", "false", "zhengwu.console.accounts[0].username", OFFICER,
				"zhengwu.console.accounts[0].password-hash", HASH, "zhengwu.console.accounts[0].roles", "OFFICER");
	}

	@BeforeAll
	static void startInstanceB() {
		// as command-line arguments: they win over application.yaml, as the test's dynamic properties do on A
		List<String> args = new java.util.ArrayList<>(List.of("--server.port=0"));
		settings().forEach((key, value) -> args.add("--" + key + "=" + value));
		instanceB = new SpringApplicationBuilder(ZhengwuAssistant.class).profiles("test").run(args.toArray(String[]::new));
	}

	@AfterAll
	static void stopInstanceB() {
		if (instanceB != null) {
			instanceB.close();
		}
	}

	@Test
	void theOfficerOnInstanceBSeesRepliesToAndKeepsTheCitizenWhoWritesToInstanceA() throws InterruptedException {
		String a = "http://127.0.0.1:" + this.portA;
		String b = "http://127.0.0.1:" + instanceB.getEnvironment().getProperty("local.server.port");
		FakeWechatApi wechatB = instanceB.getBean(FakeWechatApi.class);
		ConsoleLogin officer = ConsoleLogin.as(b, OFFICER, PASSWORD);

		// The stream is open (its first event has arrived) before the citizen writes.
		try (ConsoleEvents live = ConsoleEvents.open(b, officer, WAIT)) {
			WechatCitizen citizen = new WechatCitizen(TOKEN);
			String handOff = citizen.say(a, "转人工");
			assertThat(handOff).containsAnyOf("排第", "不是值班时间");

			Map<String, String> queued = live.await((event) -> "queued".equals(event.get("type")), WAIT);
			String chatId = queued.get("chatId");
			List<Map<String, Object>> queue = officer.get("/console/api/queue").exchange().expectStatus().isOk()
				.expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
				}).returnResult().getResponseBody();
			assertThat(queue).anyMatch((chat) -> chat.get("id").equals(chatId) && chat.get("citizen").equals(citizen.pseudonym()));

			officer.post("/console/api/chats/" + chatId + "/claim", null).expectStatus().isOk()
				.expectBody().jsonPath("$.claimed").isEqualTo(true);
			ConsoleLogin.client(a).get().uri("/console/api/mine").cookie("SESSION", officer.session).exchange()
				.expectStatus().isOk()
				.expectBody(String.class).value((mine) -> assertThat(mine).as("the session from B is valid on A").contains(chatId));
			officer.post("/console/api/chats/" + chatId + "/reply", Map.of("text", "您好，我是值班员，请说说您的情况。"))
				.expectStatus().isOk()
				.expectBody().jsonPath("$.delivery").isEqualTo("sent");
			assertThat(wechatB.awaitMessage(citizen.openId, WAIT).text()).isEqualTo("您好，我是值班员，请说说您的情况。");

			live.clear();
			String next = citizen.say(a, "我的身份证丢了，在外地");
			assertThat(next).doesNotContain("身份证挂失").doesNotContain("补领");
			live.await((event) -> "message".equals(event.get("type")) && chatId.equals(event.get("chatId")), WAIT);
			officer.get("/console/api/chats/" + chatId).exchange().expectStatus().isOk()
				.expectBody()
				.jsonPath("$.transcript[?(@.from == 'citizen')].text").value((texts) -> assertThat(texts.toString()).contains("我的身份证丢了，在外地"))
				.jsonPath("$.chat.officer").isEqualTo(OFFICER);
			assertThat(this.wechatA.sentMessages(citizen.openId)).as("instance A's bot did not answer by message").isEmpty();

			officer.post("/console/api/chats/" + chatId + "/close", Map.of("outcome", "告知异地补领流程")).expectStatus().isOk();
			assertThat(wechatB.awaitMessages(citizen.openId, 2, WAIT).get(1).text()).contains("满意");
			assertThat(citizen.say(a, "3")).contains("谢谢您的评价", "专人跟进");
			officer.get("/console/api/follow-ups").exchange().expectStatus().isOk()
				.expectBody().jsonPath("$[?(@.id == '" + chatId + "')].rating").isEqualTo(List.of("bad"));
		}
	}

}

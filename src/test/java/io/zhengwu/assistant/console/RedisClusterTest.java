package io.zhengwu.assistant.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.zhengwu.assistant.ZhengwuAssistant;
import io.zhengwu.assistant.simulator.FakeWechatApi;
import io.zhengwu.assistant.system.Meters;
import io.zhengwu.assistant.system.RedisCluster;
import io.zhengwu.assistant.system.RedisProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The app on a real Redis Cluster of three masters ({@code REDIS_URL=redis-cluster://…}), through
 * the real webhook and console: a question answered and WeChat's retry of it deduplicated; a
 * hand-off queued (the console hears of it over pub/sub), claimed, released, claimed again,
 * transferred, answered (the reply reaches the fake WeChat API, its access token kept in the
 * cluster), closed and rated; the rate limit; logins locked after failures; unanswered questions
 * for the editors; readiness with the cluster; and unsubscribing leaves no key about the citizen
 * on any master. Every script and multi-key command runs here against
 * keys spread over the cluster's slots, where a key outside its script's slot fails (CROSSSLOT).
 */
class RedisClusterTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String TOKEN = "tok" + UUID.randomUUID().toString().replace("-", "");

	private static final String PASSWORD = UUID.randomUUID().toString();

	private static final String HASH = "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD);

	private static final String DORJE = "dorje-" + UUID.randomUUID().toString().substring(0, 8);

	private static final String PEMA = "pema-" + UUID.randomUUID().toString().substring(0, 8);

	private static final String LHAMO = "lhamo-" + UUID.randomUUID().toString().substring(0, 8);

	private static final String NORBU = "norbu-" + UUID.randomUUID().toString().substring(0, 8);

	private static final int RATE_LIMIT = 6;

	private static final int MAX_FAILED_LOGINS = 2;

	@TempDir
	static Path dir;

	static RedisCluster cluster;

	static ConfigurableApplicationContext app;

	static String url;

	@BeforeAll
	static void startTheAppOnAThreeMasterCluster() throws Exception {
		assumeTrue(RedisProcesses.installed(RedisProcesses.SERVER),
				RedisProcesses.SERVER + " is missing (apt-get install redis-server): no Redis Cluster test");
		cluster = RedisCluster.start(dir, 3);
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--REDIS_URL=" + cluster.url(),
				"--zhengwu.wechat.token=" + TOKEN, "--zhengwu.wechat.app-id=wxcl" + TOKEN.substring(3, 17),
				"--zhengwu.conversation.rate-limit-per-minute=" + RATE_LIMIT, "--zhengwu.console.demo-login=false",
				"--zhengwu.console.max-failed-logins=" + MAX_FAILED_LOGINS));
		List<String> accounts = List.of(DORJE, PEMA, NORBU, LHAMO);
		for (int i = 0; i < accounts.size(); i++) {
			args.add("--zhengwu.console.accounts[" + i + "].username=" + accounts.get(i));
			args.add("--zhengwu.console.accounts[" + i + "].password-hash=" + HASH);
			args.add("--zhengwu.console.accounts[" + i + "].roles=" + (accounts.get(i).equals(LHAMO) ? "EDITOR" : "OFFICER"));
		}
		app = new SpringApplicationBuilder(ZhengwuAssistant.class).profiles("test").run(args.toArray(String[]::new));
		url = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
	}

	@AfterAll
	static void stopThem() {
		if (app != null) {
			app.close();
		}
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void theAppRunsOnTheClusterAndIsReadyWithRedisUp() throws Exception {
		assertThat(app.getBean(LettuceConnectionFactory.class).isClusterAware())
			.as("Lettuce talks to a Redis Cluster")
			.isTrue();
		HttpResponse<String> readiness = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health/readiness")).timeout(WAIT).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(readiness.body()).contains("\"redis\":{\"status\":\"UP\"}", "\"knowledge\":{\"status\":\"UP\"}");
	}

	@Test
	void aCitizenOverTheRateLimitIsToldToSlowDownOnceAndThenNotAnswered() {
		WechatCitizen citizen = new WechatCitizen(TOKEN);
		for (int i = 0; i < RATE_LIMIT; i++) {
			assertThat(citizen.say(url, "身份证丢了怎么补办")).contains("身份证");
		}
		assertThat(citizen.say(url, "身份证丢了怎么补办")).contains("您发得有点快");
		assertThat(citizen.say(url, "身份证丢了怎么补办")).isEqualTo("success");
	}

	@Test
	void failedLoginsLockTheAccountAndEditorsSeeTheUnansweredQuestions() {
		for (int i = 0; i < MAX_FAILED_LOGINS; i++) {
			assertThat(ConsoleLogin.attempt(ConsoleLogin.client(url), NORBU, "wrong").getResponseHeaders().getLocation())
				.hasToString("/console/login?error");
		}
		assertThat(ConsoleLogin.attempt(ConsoleLogin.client(url), NORBU, PASSWORD).getResponseHeaders().getLocation())
			.as("counted in the cluster: locked")
			.hasToString("/console/login?locked");

		new WechatCitizen(TOKEN).say(url, "火星签证");
		ConsoleLogin editor = ConsoleLogin.as(url, LHAMO, PASSWORD, "/console/editor");
		editor.get("/console/api/editor/unanswered?lang=zh").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$[?(@.question == '火星签证')].count").isEqualTo(List.of(1));
	}

	@Test
	void aCitizenIsAnsweredOnceHandedToOfficersAndErasedFromEveryMasterOnUnsubscribe() throws Exception {
		MeterRegistry meters = app.getBean(MeterRegistry.class);
		FakeWechatApi wechat = app.getBean(FakeWechatApi.class);
		WechatCitizen citizen = new WechatCitizen(TOKEN);

		// A question, and WeChat's retry of it: answered once, the same reply twice.
		Counter deduplicated = meters.counter(Meters.RETRIES_DEDUPLICATED);
		double answersBefore = answers(meters);
		double dedupedBefore = deduplicated.count();
		long msgId = WechatCitizen.nextMsgId();
		String answer = citizen.say(url, "身份证丢了怎么补办", msgId);
		assertThat(answer).contains("身份证");
		assertThat(citizen.say(url, "身份证丢了怎么补办", msgId)).isEqualTo(answer);
		assertThat(answers(meters) - answersBefore).as("processed once").isEqualTo(1);
		assertThat(deduplicated.count() - dedupedBefore).isEqualTo(1);

		// The login's session lives in the cluster (and changes its id on login).
		ConsoleLogin dorje = ConsoleLogin.as(url, DORJE, PASSWORD);
		ConsoleLogin pema = ConsoleLogin.as(url, PEMA, PASSWORD);
		String chatId;
		try (ConsoleEvents live = ConsoleEvents.open(url, dorje, WAIT)) {
			assertThat(citizen.say(url, "转人工")).containsAnyOf("排第", "不是值班时间");
			// Heard over Redis pub/sub on the cluster.
			chatId = live.await((event) -> "queued".equals(event.get("type")), WAIT).get("chatId");
		}
		assertThat(dorje.get("/console/api/queue").exchange().expectStatus().isOk().expectBody(String.class)
			.returnResult().getResponseBody()).contains(chatId);

		claim(dorje, chatId);
		dorje.post("/console/api/chats/" + chatId + "/release", null).expectStatus().isOk();
		assertThat(dorje.get("/console/api/queue").exchange().expectBody(String.class).returnResult()
			.getResponseBody()).as("released: queued again").contains(chatId);
		claim(dorje, chatId);
		dorje.post("/console/api/chats/" + chatId + "/transfer", Map.of("to", PEMA)).expectStatus().isOk();
		assertThat(pema.get("/console/api/mine").exchange().expectBody(String.class).returnResult()
			.getResponseBody()).contains(chatId);
		assertThat(dorje.get("/console/api/mine").exchange().expectBody(String.class).returnResult()
			.getResponseBody()).doesNotContain(chatId);

		pema.post("/console/api/chats/" + chatId + "/reply", Map.of("text", "您好，我是值班员。"))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.delivery").isEqualTo("sent");
		assertThat(wechat.awaitMessage(citizen.openId, WAIT).text()).isEqualTo("您好，我是值班员。");
		assertThat(citizen.say(url, "我在外地")).as("goes to the officer, not the bot").doesNotContain("补领");
		pema.post("/console/api/chats/" + chatId + "/close", Map.of("outcome", "告知补领流程")).expectStatus().isOk();
		assertThat(wechat.awaitMessages(citizen.openId, 2, WAIT).get(1).text()).contains("满意");
		assertThat(pema.get("/console/api/mine").exchange().expectBody(String.class).returnResult()
			.getResponseBody()).doesNotContain(chatId);
		assertThat(citizen.say(url, "1")).contains("谢谢您的评价").doesNotContain("跟进");

		// Unsubscribe: nothing about the citizen or their chat on any master (and there was before).
		List<String> before = cluster.keys("*" + citizen.openId + "*");
		assertThat(before).as("the citizen's keys before unsubscribe")
			.anyMatch((key) -> key.startsWith("zw:conversation:session:"))
			.anyMatch((key) -> key.startsWith("zw:conversation:rate:"))
			.anyMatch((key) -> key.startsWith("zw:wechat:delivery:"))
			.anyMatch((key) -> key.startsWith("zw:wechat:deliveries:"))
			.anyMatch((key) -> key.startsWith("zw:{handoff}:"));
		assertThat(cluster.keys("*" + chatId + "*")).as("the chat's keys before unsubscribe").isNotEmpty();
		assertThat(citizen.event(url, "unsubscribe")).isEqualTo("success");
		assertThat(cluster.keysOnEachMaster("*" + citizen.openId + "*")).hasSize(3).allSatisfy((port, keys) -> assertThat(keys).isEmpty());
		assertThat(cluster.keysOnEachMaster("*" + chatId + "*")).hasSize(3).allSatisfy((port, keys) -> assertThat(keys).isEmpty());
	}

	private static void claim(ConsoleLogin officer, String chatId) {
		officer.post("/console/api/chats/" + chatId + "/claim", null)
			.expectStatus().isOk()
			.expectBody().jsonPath("$.claimed").isEqualTo(true);
	}

	private static double answers(MeterRegistry meters) {
		return meters.find(Meters.ANSWERS).counters().stream().mapToDouble(Counter::count).sum();
	}

}

package io.zhengwu.assistant.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.zhengwu.assistant.ZhengwuAssistant;
import io.zhengwu.assistant.simulator.FakeWechatApi;
import io.zhengwu.assistant.system.Meters;
import io.zhengwu.assistant.system.RedisCluster;
import io.zhengwu.assistant.system.RedisProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
 * The app on a real Redis Cluster of three masters with one replica each
 * ({@code REDIS_URL=redis-cluster://…}, {@code cluster-node-timeout} 1 s) when a node dies (SIGKILL)
 * and the cluster promotes the dead master's replica. Without a restart the app re-reads the
 * topology within seconds and sends the failed-over slots to the promoted replica; a message written
 * while the cluster was promoting it waits for Redis and is answered once; citizens whose keys are on
 * those slots are answered; WeChat's retry of a message answered before the failover gets the stored
 * reply and is not processed again (the claim and the reply had reached the replica: the test waits
 * for that with WAIT, as Redis replicates asynchronously); a hand-off reaches the console opened
 * before the failover, and the officer's reply the citizen; readiness is UP again. When the node
 * carrying the app's pub/sub subscription dies, the app subscribes on another node and the console
 * hears of new hand-offs. An answer is the passive reply or, when it came after the reply budget
 * ({@code success}), the customer-service message at the fake WeChat API. After each test the killed
 * node is started again and rejoins as a replica.
 */
class RedisClusterFailoverTest {

	private static final Duration WAIT = Duration.ofSeconds(60);

	/** Four periodic topology refreshes of the app (5 s), generous for a slow machine. */
	private static final Duration TOPOLOGY_WAIT = Duration.ofSeconds(20);

	private static final String TOKEN = "tok" + UUID.randomUUID().toString().replace("-", "");

	private static final String PASSWORD = UUID.randomUUID().toString();

	private static final String OFFICER = "tashi-" + UUID.randomUUID().toString().substring(0, 8);

	private static final String EVENTS = "zw:handoff:events";

	@TempDir
	static Path dir;

	static RedisCluster cluster;

	static ConfigurableApplicationContext app;

	static String url;

	@BeforeAll
	static void startTheAppOnAClusterOfThreeMastersWithAReplicaEach() throws Exception {
		assumeTrue(RedisProcesses.installed(RedisProcesses.SERVER),
				RedisProcesses.SERVER + " is missing (apt-get install redis-server): no Redis Cluster failover test");
		cluster = RedisCluster.startWithReplicas(dir, 3, Duration.ofMillis(1000));
		app = new SpringApplicationBuilder(ZhengwuAssistant.class).profiles("test")
			.run("--server.port=0", "--REDIS_URL=" + cluster.url(), "--zhengwu.wechat.token=" + TOKEN,
					"--zhengwu.wechat.app-id=wxfo" + TOKEN.substring(3, 17), "--zhengwu.console.demo-login=false",
					"--zhengwu.console.accounts[0].username=" + OFFICER,
					"--zhengwu.console.accounts[0].password-hash={bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD),
					"--zhengwu.console.accounts[0].roles=OFFICER");
		url = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
	}

	@AfterEach
	void startTheKilledNodeAgainAsAReplica() throws Exception {
		cluster.restartKilled();
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
	void whenTheMasterOfACitizensKeysAndOfTheHandOffDiesTheAppGoesOnWithItsReplicaAnsweringOnceAndHandingOff()
			throws Exception {
		MeterRegistry meters = app.getBean(MeterRegistry.class);
		FakeWechatApi wechat = app.getBean(FakeWechatApi.class);
		Counter deduplicated = meters.counter(Meters.RETRIES_DEDUPLICATED);
		// The master to kill holds the hand-off's keys ({handoff}) and this citizen's ({<openid>}).
		int master = cluster.masterOf("{handoff}");
		WechatCitizen citizen = citizenWithKeysOn(master);
		long msgId = WechatCitizen.nextMsgId();
		String answer = citizen.say(url, "身份证丢了怎么补办", msgId);
		assertThat(answer).contains("身份证");
		assertThat(cluster.keysOnEachMaster("zw:wechat:delivery:{" + citizen.openId + "}:*").get(master))
			.as("the claim and reply of the message are on the master about to die")
			.hasSize(1);
		awaitReady();
		ConsoleLogin officer = ConsoleLogin.as(url, OFFICER, PASSWORD);
		try (ConsoleEvents live = ConsoleEvents.open(url, officer, WAIT)) {
			// Everything the master took has reached its replica. Had it not, the writes it had not
			// passed on would be lost with it: a retry of such a message would be processed again.
			cluster.awaitReplicated("{handoff}");

			// A citizen writes while the cluster is promoting the replica.
			WechatCitizen meanwhile = citizenWithKeysOn(master);
			double answersBefore = answers(meters);
			CompletableFuture<String> reply = new CompletableFuture<>();
			RedisCluster.Failover failover = cluster.killMasterOf("{handoff}", () -> CompletableFuture
				.supplyAsync(() -> meanwhile.say(url, "社会保障卡丢了怎么办"))
				.whenComplete((xml, ex) -> {
					if (ex != null) {
						reply.completeExceptionally(ex);
					}
					else {
						reply.complete(xml);
					}
				}));
			assertThat(failover.killedPort()).isEqualTo(master);
			assertThat(cluster.masterOf("{" + citizen.openId + "}")).as("the citizen's slot moved to the replica")
				.isEqualTo(failover.promotedPort());
			awaitTheAppSendsToThePromotedMaster(failover);
			// Its message waited for Redis (its commands were sent again to the promoted replica once the
			// app had re-read the topology) and was answered once: in its passive reply, or, as it came
			// after the reply budget, with success and then a customer-service message.
			String meanwhileReply = reply.get(WAIT.toSeconds(), TimeUnit.SECONDS);
			String meanwhileAnswer = "success".equals(meanwhileReply)
					? wechat.awaitMessage(meanwhile.openId, WAIT).text() : meanwhileReply;
			assertThat(meanwhileAnswer).as("the message written during the failover is answered")
				.contains("社会保障卡");
			assertThat(answers(meters) - answersBefore).as("processed once").isEqualTo(1);

			// (a) The same citizen, and a new one whose keys are on the failed-over slots, are answered.
			assertThat(answerOf(citizen, "社会保障卡丢了怎么办")).contains("社会保障卡");
			WechatCitizen newcomer = citizenWithKeysOn(failover.promotedPort());
			assertThat(answerOf(newcomer, "身份证丢了怎么补办")).contains("身份证");

			// (b) WeChat's retry of the message answered before the failover: the same reply, not processed again.
			double answers = answers(meters);
			double deduplicatedBefore = deduplicated.count();
			assertThat(citizen.say(url, "身份证丢了怎么补办", msgId)).as("the reply stored before the failover")
				.isEqualTo(answer);
			assertThat(answers(meters)).as("not processed again").isEqualTo(answers);
			assertThat(deduplicated.count() - deduplicatedBefore).as("counted as a deduplicated retry").isEqualTo(1);

			// (c) A hand-off on the promoted master reaches the console opened before the failover, and back.
			assertThat(newcomer.say(url, "转人工")).containsAnyOf("排第", "不是值班时间");
			String chatId = live.await((event) -> "queued".equals(event.get("type")), WAIT).get("chatId");
			officer.post("/console/api/chats/" + chatId + "/claim", null)
				.expectStatus().isOk()
				.expectBody().jsonPath("$.claimed").isEqualTo(true);
			officer.post("/console/api/chats/" + chatId + "/reply", Map.of("text", "您好，我是值班员。"))
				.expectStatus().isOk()
				.expectBody().jsonPath("$.delivery").isEqualTo("sent");
			assertThat(wechat.awaitMessage(newcomer.openId, WAIT).text())
				.as("the officer's reply reached the citizen")
				.isEqualTo("您好，我是值班员。");
		}
		// (d) Ready: Redis answers and a probe on the hand-off channel comes back.
		awaitReady();
	}

	@Test
	void whenTheNodeCarryingTheHandOffSubscriptionDiesTheAppSubscribesElsewhereAndTheConsoleHearsOfNewHandOffs()
			throws Exception {
		List<Integer> subscribed = cluster.subscribedTo(EVENTS);
		assertThat(subscribed).as("the node the app's pub/sub connection is on").hasSize(1);
		awaitReady();
		ConsoleLogin officer = ConsoleLogin.as(url, OFFICER, PASSWORD);
		try (ConsoleEvents live = ConsoleEvents.open(url, officer, WAIT)) {
			RedisCluster.Failover failover = cluster.kill(subscribed.get(0));
			System.out.printf("Redis Cluster: killed %s node %d, which carried the hand-off subscription%n",
					(failover.promotedPort() != 0) ? "the master" : "the replica", failover.killedPort());

			if (failover.promotedPort() != 0) {
				awaitTheAppSendsToThePromotedMaster(failover);
			}
			await("the app subscribed to " + EVENTS + " on another node", () -> !cluster.subscribedTo(EVENTS).isEmpty());
			awaitReady();
			WechatCitizen citizen = new WechatCitizen(TOKEN);
			assertThat(citizen.say(url, "转人工")).as("queued, and told so").containsAnyOf("排第", "不是值班时间");
			assertThat(live.await((event) -> "queued".equals(event.get("type")), WAIT).get("chatId"))
				.as("the console opened before the node died hears of the new hand-off")
				.isNotBlank();
		}
	}

	/**
	 * Waits until the app's Lettuce client has re-read the cluster's topology and sends the failed-over
	 * slots to the promoted replica. Within a few of its periodic refreshes (5 s, application.yaml):
	 * {@link #TOPOLOGY_WAIT}. Before, with a 60 s period, the adaptive refresh made on the first
	 * reconnect attempts (before the cluster had promoted the replica) was all for 30 s (Lettuce's
	 * rate limit of adaptive refreshes), and every command on those slots went to the dead master.
	 */
	private static void awaitTheAppSendsToThePromotedMaster(RedisCluster.Failover failover) throws InterruptedException {
		RedisClusterClient client = (RedisClusterClient) app.getBean(LettuceConnectionFactory.class)
			.getRequiredNativeClient();
		long promoted = System.nanoTime();
		await("the app sends slot " + failover.slot() + " to the promoted master " + failover.promotedPort(),
				TOPOLOGY_WAIT, () -> {
					RedisClusterNode node = client.getPartitions().getPartitionBySlot(failover.slot());
					return node != null && node.getUri().getPort() == failover.promotedPort();
				});
		System.out.printf("Redis Cluster failover: the app sends to the promoted master %d ms after the promotion%n",
				Duration.ofNanos(System.nanoTime() - promoted).toMillis());
	}

	/** A new citizen whose keys ({@code {<openid>}}) are on the master at {@code port}. */
	private static WechatCitizen citizenWithKeysOn(int port) {
		for (int i = 0; i < 1000; i++) {
			WechatCitizen citizen = new WechatCitizen(TOKEN);
			if (cluster.masterOf("{" + citizen.openId + "}") == port) {
				return citizen;
			}
		}
		throw new AssertionError("No openid among 1000 has its slot on " + port);
	}

	/**
	 * The answer to a new message, sent again with the same MsgId until a call returns, as WeChat
	 * retries: the passive reply, or, when it was {@code success} (the answer came after the reply
	 * budget), the customer-service message that followed at the fake WeChat API.
	 */
	private static String answerOf(WechatCitizen citizen, String text) throws InterruptedException {
		FakeWechatApi wechat = app.getBean(FakeWechatApi.class);
		int sentBefore = wechat.sentMessages(citizen.openId).size();
		long msgId = WechatCitizen.nextMsgId();
		String reply = eventually("an answer to " + text, () -> citizen.say(url, text, msgId));
		if (!"success".equals(reply)) {
			return reply;
		}
		return wechat.awaitMessages(citizen.openId, sentBefore + 1, WAIT).get(sentBefore).text();
	}

	private static double answers(MeterRegistry meters) {
		return meters.find(Meters.ANSWERS).counters().stream().mapToDouble(Counter::count).sum();
	}

	private static void awaitReady() throws InterruptedException {
		await("readiness UP with Redis and the hand-off events", () -> {
			String body = readiness();
			return body.contains("\"redis\":{\"status\":\"UP\"}") && body.contains("\"handoffEvents\":{\"status\":\"UP\"}");
		});
	}

	/** The readiness body when it is 200, else the empty string. */
	private static String readiness() {
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health/readiness")).timeout(WAIT).build(),
						HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() == 200) ? response.body() : "";
		}
		catch (Exception ex) {
			return "";
		}
	}

	private static void await(String what, BooleanSupplier condition) throws InterruptedException {
		await(what, WAIT, condition);
	}

	private static void await(String what, Duration wait, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + wait.toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.getAsBoolean()) {
				return;
			}
			Thread.sleep(200);
		}
		throw new AssertionError("Not within " + wait.toSeconds() + " s: " + what);
	}

	/** The value once {@code attempt} succeeds (it is tried again after a failure), within {@link #WAIT}. */
	private static <T> T eventually(String what, Supplier<T> attempt) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		Throwable last = null;
		while (System.nanoTime() < deadline) {
			try {
				return attempt.get();
			}
			catch (RuntimeException | AssertionError ex) {
				last = ex;
			}
			Thread.sleep(500);
		}
		throw new AssertionError("Not within " + WAIT.toSeconds() + " s: " + what, last);
	}

}

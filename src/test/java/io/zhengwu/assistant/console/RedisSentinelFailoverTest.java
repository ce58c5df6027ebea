package io.zhengwu.assistant.console;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.zhengwu.assistant.ZhengwuAssistant;
import io.zhengwu.assistant.system.Meters;
import io.zhengwu.assistant.system.RedisProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The app on Redis with Sentinel ({@code REDIS_URL=redis-sentinel://…}: a master, a replica and a
 * sentinel, real processes) when the master dies: the sentinel promotes the replica, and the app,
 * without a restart, answers new questions on the new master; WeChat's retry of a message answered
 * before the failover gets the same reply and is not processed again (the claim and the stored reply
 * were replicated); and readiness comes back with Redis and the hand-off events (pub/sub subscribed
 * again on the new master). While the failover runs, a question waits for Redis rather than being
 * answered without the exactly-once claim: the test asks until it is answered, as WeChat retries.
 */
class RedisSentinelFailoverTest {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final String TOKEN = "tok" + UUID.randomUUID().toString().replace("-", "");

	private static final String PASSWORD = "pw-" + UUID.randomUUID();

	private static final String MASTER_NAME = "zwmaster";

	@TempDir
	static Path dir;

	static RedisProcesses processes;

	static Process master;

	static int masterPort;

	static int replicaPort;

	static int sentinelPort;

	static ConfigurableApplicationContext app;

	static String url;

	@BeforeAll
	static void startAMasterAReplicaASentinelAndTheApp() throws Exception {
		assumeTrue(RedisProcesses.installed(RedisProcesses.SERVER) && RedisProcesses.installed(RedisProcesses.SENTINEL),
				"redis-server and redis-sentinel are missing (apt-get install redis-server redis-sentinel)");
		processes = new RedisProcesses(dir);
		masterPort = RedisProcesses.freePort();
		replicaPort = RedisProcesses.freePort();
		sentinelPort = RedisProcesses.freePort();
		Files.createDirectories(dir.resolve("master"));
		Files.createDirectories(dir.resolve("replica"));
		master = processes.start(RedisProcesses.SERVER.toString(), "--port", String.valueOf(masterPort), "--bind",
				"127.0.0.1", "--save", "", "--requirepass", PASSWORD, "--masterauth", PASSWORD, "--dir",
				dir.resolve("master").toString());
		Process replica = processes.start(RedisProcesses.SERVER.toString(), "--port", String.valueOf(replicaPort),
				"--bind", "127.0.0.1", "--save", "", "--requirepass", PASSWORD, "--masterauth", PASSWORD, "--replicaof",
				"127.0.0.1", String.valueOf(masterPort), "--dir", dir.resolve("replica").toString());
		Path sentinelConf = Files.writeString(dir.resolve("sentinel.conf"), String.join("\n",
				"port " + sentinelPort, "bind 127.0.0.1", "dir " + dir,
				"sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + masterPort + " 1",
				"sentinel auth-pass " + MASTER_NAME + " " + PASSWORD,
				"sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
				"sentinel failover-timeout " + MASTER_NAME + " 10000", ""));
		Process sentinel = processes.start(RedisProcesses.SENTINEL.toString(), sentinelConf.toString());
		RedisProcesses.awaitPort(masterPort, master);
		RedisProcesses.awaitPort(replicaPort, replica);
		RedisProcesses.awaitPort(sentinelPort, sentinel);
		// the sentinel must know the replica before the master dies, or it has nothing to promote
		await("the sentinel knows the replica", () -> withSentinel((connection) -> connection.sync()
			.replicas(MASTER_NAME)
			.stream()
			.anyMatch((replicaInfo) -> String.valueOf(replicaPort).equals(replicaInfo.get("port"))
					&& !String.valueOf(replicaInfo.get("flags")).contains("disconnected"))));

		app = new SpringApplicationBuilder(ZhengwuAssistant.class).profiles("test")
			.run("--server.port=0",
					"--REDIS_URL=redis-sentinel://:" + PASSWORD + "@127.0.0.1:" + sentinelPort + "/0?sentinelMasterId="
							+ MASTER_NAME,
					"--zhengwu.wechat.token=" + TOKEN, "--zhengwu.wechat.app-id=wxsf" + TOKEN.substring(3, 17));
		url = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
	}

	@AfterAll
	static void stopThem() {
		if (app != null) {
			app.close();
		}
		if (processes != null) {
			processes.close();
		}
	}

	@Test
	void whenTheMasterDiesTheAppGoesOnWithThePromotedReplicaAndStillAnswersEachMessageOnce() throws Exception {
		MeterRegistry meters = app.getBean(MeterRegistry.class);
		Counter deduplicated = meters.counter(Meters.RETRIES_DEDUPLICATED);
		WechatCitizen before = new WechatCitizen(TOKEN);
		long msgId = WechatCitizen.nextMsgId();
		String answer = before.say(url, "身份证丢了怎么补办", msgId);
		assertThat(answer).contains("身份证");
		assertThat(readiness()).contains("\"redis\":{\"status\":\"UP\"}", "\"handoffEvents\":{\"status\":\"UP\"}");
		// everything written so far has reached the replica
		try (RedisClient client = RedisClient.create();
				StatefulRedisConnection<String, String> direct = client.connect(RedisURI.builder()
					.withHost("127.0.0.1")
					.withPort(masterPort)
					.withPassword(PASSWORD.toCharArray())
					.build())) {
			assertThat(direct.sync().waitForReplication(1, 10_000)).isEqualTo(1);
		}

		master.destroyForcibly().waitFor();
		await("the sentinel promotes the replica", () -> withSentinel((connection) -> {
			SocketAddress address = connection.sync().getMasterAddrByName(MASTER_NAME);
			return address instanceof InetSocketAddress inet && inet.getPort() == replicaPort;
		}));

		// A new question, asked again as WeChat does until it gets an answer: answered on the new master.
		WechatCitizen after = new WechatCitizen(TOKEN);
		long newMsgId = WechatCitizen.nextMsgId();
		String newAnswer = eventually("a question answered after the failover",
				() -> after.say(url, "社会保障卡丢了怎么办", newMsgId));
		assertThat(newAnswer).contains("社会保障卡");

		// WeChat's retry of the message answered before the failover: the same reply, not processed again.
		double answers = answers(meters);
		double deduplicatedBefore = deduplicated.count();
		assertThat(before.say(url, "身份证丢了怎么补办", msgId)).isEqualTo(answer);
		assertThat(answers(meters)).as("not processed again").isEqualTo(answers);
		assertThat(deduplicated.count() - deduplicatedBefore).isEqualTo(1);

		// Ready again: Redis answers, and hand-off events go round through the new master's pub/sub.
		await("readiness with the new master", () -> {
			String body = readiness();
			return body.contains("\"redis\":{\"status\":\"UP\"}")
					&& body.contains("\"handoffEvents\":{\"status\":\"UP\"}");
		});
	}

	private static double answers(MeterRegistry meters) {
		return meters.find(Meters.ANSWERS).counters().stream().mapToDouble(Counter::count).sum();
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

	private static <T> T withSentinel(java.util.function.Function<StatefulRedisSentinelConnection<String, String>, T> use) {
		try (RedisClient client = RedisClient.create();
				StatefulRedisSentinelConnection<String, String> connection = client
					.connectSentinel(RedisURI.create("redis://127.0.0.1:" + sentinelPort))) {
			return use.apply(connection);
		}
	}

	private static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
		Instant deadline = Instant.now().plus(WAIT);
		while (Instant.now().isBefore(deadline)) {
			try {
				if (Boolean.TRUE.equals(condition.get())) {
					return;
				}
			}
			catch (RuntimeException notYet) {
				// not reachable yet
			}
			Thread.sleep(200);
		}
		throw new AssertionError("Timed out: " + what);
	}

	/** The value once {@code attempt} succeeds (it is tried again after a failure), within {@link #WAIT}. */
	private static <T> T eventually(String what, Supplier<T> attempt) throws InterruptedException {
		Instant deadline = Instant.now().plus(WAIT);
		Throwable last = null;
		while (Instant.now().isBefore(deadline)) {
			try {
				return attempt.get();
			}
			catch (RuntimeException | AssertionError ex) {
				last = ex;
			}
			Thread.sleep(500);
		}
		throw new AssertionError("Timed out: " + what, last);
	}

}

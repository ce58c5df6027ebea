package io.zhengwu.assistant.console;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.types.RedisClientInfo;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.zhengwu.assistant.ZhengwuAssistant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's live events survive Redis dropping the pub/sub connection (as in a Redis restart):
 * the subscription to {@code zw:handoff:events} comes back, the officer's open stream gets changes
 * again, and readiness is up again.
 */
@SpringBootTest(classes = ZhengwuAssistant.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class LiveEventsAfterRedisDropTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String CHANNEL = "zw:handoff:events";

	static final String OFFICER = "live-" + UUID.randomUUID().toString().substring(0, 8);

	static final String PASSWORD = UUID.randomUUID().toString();

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@DynamicPropertySource
	static void officerAccount(DynamicPropertyRegistry registry) {
		registry.add("zhengwu.console.demo-login", () -> "false");
		registry.add("zhengwu.console.accounts[0].username", () -> OFFICER);
		registry.add("zhengwu.console.accounts[0].password-hash",
				() -> "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD));
		registry.add("zhengwu.console.accounts[0].roles", () -> "OFFICER");
	}

	@Test
	void afterRedisDropsThePubSubConnectionsTheOpenConsoleStreamGetsChangesAgain() throws InterruptedException {
		String base = "http://127.0.0.1:" + this.port;
		ConsoleLogin officer = ConsoleLogin.as(base, OFFICER, PASSWORD);
		try (ConsoleEvents live = ConsoleEvents.open(base, officer, WAIT)) {
			String before = UUID.randomUUID().toString();
			publish(before);
			live.await((event) -> before.equals(event.get("chatId")), WAIT);

			int killed = killPubSubClients();
			assertThat(killed).as("Redis dropped this instance's pub/sub connection").isPositive();

			// Published until one arrives: those sent while the subscription is being made again are lost.
			long deadline = System.nanoTime() + WAIT.toNanos();
			boolean arrived = false;
			while (!arrived && System.nanoTime() < deadline) {
				String after = UUID.randomUUID().toString();
				publish(after);
				try {
					live.await((event) -> after.equals(event.get("chatId")), Duration.ofSeconds(1));
					arrived = true;
				}
				catch (AssertionError notYet) {
					// not subscribed again yet
				}
			}
			assertThat(arrived).as("a change published after the drop reached the console's stream").isTrue();
		}
		awaitReadiness(base);
	}

	private void awaitReadiness(String base) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		String status = "";
		while (!status.contains("\"handoffEvents\":{\"status\":\"UP\"") && System.nanoTime() < deadline) {
			status = ConsoleLogin.client(base).get().uri("/actuator/health/readiness").exchange()
				.expectBody(String.class).returnResult().getResponseBody();
		}
		assertThat(status).as("readiness, hand-off events included, is up again").contains("\"status\":\"UP\"")
			.contains("\"handoffEvents\":{\"status\":\"UP\"");
	}

	private void publish(String chatId) {
		this.redis.convertAndSend(CHANNEL, "{\"type\":\"presence\",\"chatId\":\"" + chatId + "\",\"officer\":\"\"}");
	}

	/** What {@code CLIENT KILL TYPE pubsub} does: drops every connection subscribed to a channel. */
	private int killPubSubClients() {
		return this.redis.execute((RedisCallback<Integer>) (connection) -> {
			int count = 0;
			for (RedisClientInfo client : connection.serverCommands().getClientList()) {
				Long channels = client.getChannelSubscribtions();
				if (channels != null && channels > 0) {
					String address = client.getAddressPort();
					int colon = address.lastIndexOf(':');
					connection.serverCommands().killClient(address.substring(0, colon),
							Integer.parseInt(address.substring(colon + 1)));
					count++;
				}
			}
			return count;
		});
	}

}

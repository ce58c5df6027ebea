package io.zhengwu.assistant.system;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Redis holding every write ({@code CLIENT PAUSE … WRITE}) until closed: a test sends a command,
 * waits until Redis holds it ({@link #awaitHeld}), drops the call that sent it, and then checks
 * what the app made of a command that ran in Redis after nobody listened any more.
 *
 * <pre>
 * try (HeldRedisWrites held = HeldRedisWrites.hold(redis)) {
 *     Disposable call = service.claim(...).subscribe();
 *     held.awaitHeld("evalsha");
 *     call.dispose();
 * }
 * </pre>
 */
public final class HeldRedisWrites implements AutoCloseable {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final StringRedisTemplate redis;

	private HeldRedisWrites(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/** Holds writes for at most 20 s (so a failed test never leaves Redis paused). */
	public static HeldRedisWrites hold(StringRedisTemplate redis) {
		command(redis, "CLIENT", "PAUSE", "20000", "WRITE");
		return new HeldRedisWrites(redis);
	}

	/** Waits until a client is held on one of these commands (lower case, as CLIENT LIST names them). */
	public void awaitHeld(String... commands) {
		List<String> names = List.of(commands);
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!held(names)) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Redis holds none of " + names + " after " + WAIT);
			}
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("interrupted while waiting for Redis to hold " + names, ex);
			}
		}
	}

	private boolean held(List<String> commands) {
		return Boolean.TRUE.equals(this.redis.execute((RedisCallback<Boolean>) (connection) -> connection
			.serverCommands()
			.getClientList()
			.stream()
			.anyMatch((client) -> commands.contains(client.getLastCommand()) && client.getFlags().contains("b"))));
	}

	@Override
	public void close() {
		command(this.redis, "CLIENT", "UNPAUSE");
	}

	private static void command(StringRedisTemplate redis, String command, String... args) {
		byte[][] bytes = java.util.Arrays.stream(args)
			.map((arg) -> arg.getBytes(StandardCharsets.UTF_8))
			.toArray(byte[][]::new);
		redis.execute((RedisCallback<Object>) (connection) -> connection.execute(command, bytes));
	}

}

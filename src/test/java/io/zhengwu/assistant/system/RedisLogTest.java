package io.zhengwu.assistant.system;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded Redis log does not grow without end: past its limit it becomes {@code redis.log.1}
 * (replacing the one before) and a running server goes on writing a new {@code redis.log}.
 */
class RedisLogTest {

	@TempDir
	Path dir;

	@Test
	void aLogWithinItsLimitIsLeftWhereItIs() throws Exception {
		Path log = Files.writeString(this.dir.resolve("redis.log"), "x".repeat(100));

		assertThat(RedisLog.rotateIfLarger(log, 1024)).isFalse();

		assertThat(log).hasContent("x".repeat(100));
		assertThat(RedisLog.rotated(log)).doesNotExist();
	}

	@Test
	void aMissingLogIsNoError() throws Exception {
		assertThat(RedisLog.rotateIfLarger(this.dir.resolve("redis.log"), 1024)).isFalse();
	}

	@Test
	void aLogPastItsLimitReplacesTheRotatedOneAndNothingElseIsKept() throws Exception {
		Path log = Files.writeString(this.dir.resolve("redis.log"), "new lines ".repeat(200));
		Files.writeString(RedisLog.rotated(log), "the lines before");

		assertThat(RedisLog.rotateIfLarger(log, 1024)).isTrue();

		assertThat(log).doesNotExist();
		assertThat(RedisLog.rotated(log)).hasContent("new lines ".repeat(200));
		try (var files = Files.list(this.dir)) {
			assertThat(files).containsExactly(RedisLog.rotated(log));
		}
	}

	@Test
	void aRunningServerWritesItsNextLinesToANewLogOnceTheCheckHasRotatedIt() throws Exception {
		Path log = this.dir.resolve("redis.log");
		int port = RedisProcesses.freePort();
		RedisClient client = RedisClient.create();
		try (RedisProcesses processes = new RedisProcesses(this.dir)) {
			Process server = processes.start(RedisProcesses.SERVER.toString(), "--port", String.valueOf(port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.dir.toString(), "--logfile",
					log.toString());
			RedisProcesses.awaitPort(port, server);
			awaitContent(log, "Ready to accept connections");

			// a check every 50 ms with a limit the start-up lines pass
			try (RedisLog checks = RedisLog.checkEvery(Duration.ofMillis(50), log, 10);
					StatefulRedisConnection<String, String> redis = client.connect(RedisURI.create("127.0.0.1", port))) {
				awaitContent(RedisLog.rotated(log), "Ready to accept connections");
				checks.close();
				redis.sync().bgsave();
				awaitContent(log, "Background saving started");
			}
			assertThat(Files.readString(log, StandardCharsets.UTF_8)).doesNotContain("Ready to accept connections");
		}
		finally {
			client.shutdown();
		}
	}

	/** Polls (up to 20 s) until {@code file} exists and contains {@code text}. */
	private static void awaitContent(Path file, String text) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).contains(text)) {
				return;
			}
			Thread.sleep(20);
		}
		throw new AssertionError(file + " does not contain \"" + text + "\" after 20 s; it holds: "
				+ (Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no file)"));
	}

}

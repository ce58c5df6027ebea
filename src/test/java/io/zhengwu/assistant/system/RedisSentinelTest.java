package io.zhengwu.assistant.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code redis-sentinel://} REDIS_URL reaches the master through real redis-sentinel and
 * redis-server processes (Debian's packages; .ci/run installs them on a fresh machine).
 */
class RedisSentinelTest {

	@TempDir
	Path dir;

	private final List<Process> processes = new ArrayList<>();

	@AfterEach
	void stopProcesses() {
		this.processes.forEach(Process::destroy);
	}

	@Test
	void sentinelUrlConnectsLettuceToTheMasterTheSentinelNames() throws Exception {
		int masterPort = freePort();
		int sentinelPort = freePort();
		start("/usr/bin/redis-server", "--port", String.valueOf(masterPort), "--bind", "127.0.0.1", "--save", "",
				"--requirepass", "master-pw", "--dir", this.dir.toString());
		Path sentinelConf = Files.writeString(this.dir.resolve("sentinel.conf"),
				"port " + sentinelPort + "\nbind 127.0.0.1\nsentinel monitor zwmaster 127.0.0.1 " + masterPort + " 1\n"
						+ "sentinel auth-pass zwmaster master-pw\n");
		start("/usr/bin/redis-sentinel", sentinelConf.toString());
		awaitPort(masterPort);
		awaitPort(sentinelPort);

		Map<String, Object> bound = RedisUrl.toSpringProperties(
				"redis-sentinel://:master-pw@127.0.0.1:" + sentinelPort + "/0?sentinelMasterId=zwmaster");
		String[] properties = bound.entrySet().stream().map((e) -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);

		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataRedisAutoConfiguration.class, DataRedisReactiveAutoConfiguration.class))
			.withPropertyValues(properties)
			.run((context) -> {
				LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
				assertThat(factory.getSentinelConfiguration()).isNotNull();
				assertThat(factory.getSentinelConfiguration().getMaster().getName()).isEqualTo("zwmaster");
				ReactiveStringRedisTemplate redis = context.getBean(ReactiveStringRedisTemplate.class);
				String key = "zw:test:sentinel:" + UUID.randomUUID();
				StepVerifier.create(redis.opsForValue().set(key, "ངོ་བོ").then(redis.opsForValue().get(key)))
					.expectNext("ངོ་བོ")
					.verifyComplete();
				StepVerifier
					.create(redis.execute((connection) -> connection.serverCommands().info("server"))
						.map((info) -> info.getProperty("tcp_port")))
					.expectNext(String.valueOf(masterPort))
					.verifyComplete();
			});
	}

	private void start(String... command) throws IOException {
		assertThat(Path.of(command[0])).as("%s (apt-get install redis-server redis-sentinel)", command[0]).exists();
		this.processes.add(new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.dir.resolve(Path.of(command[0]).getFileName() + ".log").toFile())
			.start());
	}

	private static void awaitPort(int port) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
		while (Instant.now().isBefore(deadline)) {
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
				return;
			}
			catch (IOException notYet) {
				Thread.sleep(50);
			}
		}
		throw new AssertionError("Nothing listens on port " + port);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}

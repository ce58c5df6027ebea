package io.zhengwu.assistant.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.springframework.data.redis.core.script.RedisScript;

import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code redis-sentinel://} REDIS_URL reaches the master through real redis-sentinel and
 * redis-server processes (Debian's packages; .ci/run installs them on a fresh machine).
 */
class RedisSentinelTest {

	@TempDir
	Path dir;

	private RedisProcesses processes;

	@AfterEach
	void stopProcesses() {
		if (this.processes != null) {
			this.processes.close();
		}
	}

	@Test
	void sentinelUrlConnectsLettuceToTheMasterTheSentinelNames() throws Exception {
		this.processes = new RedisProcesses(this.dir);
		int masterPort = RedisProcesses.freePort();
		int sentinelPort = RedisProcesses.freePort();
		this.processes.start(RedisProcesses.SERVER.toString(), "--port", String.valueOf(masterPort), "--bind",
				"127.0.0.1", "--save", "", "--requirepass", "master-pw", "--dir", this.dir.toString());
		Path sentinelConf = Files.writeString(this.dir.resolve("sentinel.conf"),
				"port " + sentinelPort + "\nbind 127.0.0.1\nsentinel monitor zwmaster 127.0.0.1 " + masterPort + " 1\n"
						+ "sentinel auth-pass zwmaster master-pw\n");
		this.processes.start(RedisProcesses.SENTINEL.toString(), sentinelConf.toString());
		RedisProcesses.awaitPort(masterPort);
		RedisProcesses.awaitPort(sentinelPort);

		Map<String, Object> bound = RedisUrl.toSpringProperties(
				"redis-sentinel://:master-pw@127.0.0.1:" + sentinelPort + "/0?sentinelMasterId=zwmaster");
		String[] properties = bound.entrySet().stream().map((e) -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);

		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataRedisAutoConfiguration.class, DataRedisReactiveAutoConfiguration.class))
			.withPropertyValues(properties)
			.withBean(RedisScripts.class)
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
				// the webhook's own commands take the same way to the master
				RedisScripts scripts = context.getBean(RedisScripts.class);
				StepVerifier.create(scripts.set(key, "ཞབས་ཞུ", Duration.ofMinutes(1))
					.then(scripts.run(RedisScript.of(
							"return redis.call('GET', KEYS[1])", String.class), List.of(key), List.of())))
					.expectNext("ཞབས་ཞུ")
					.verifyComplete();
			});
	}

}

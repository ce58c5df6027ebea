package io.zhengwu.assistant.system;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.zhengwu.assistant.ZhengwuAssistant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.test.context.ActiveProfiles;

import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class RedisScriptsTest {

	private static final RedisScript<String> APPEND_AND_READ = RedisScript.of("""
			redis.call('APPEND', KEYS[1], ARGV[1])
			return redis.call('GET', KEYS[1])
			""", String.class);

	private static final RedisScript<Long> LENGTH = RedisScript.of("return redis.call('STRLEN', KEYS[1])", Long.class);

	private static final RedisScript<String> NOTHING = RedisScript.of("return redis.call('GET', KEYS[1])", String.class);

	@Autowired
	RedisScripts scripts;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Test
	void aScriptRunsWithItsKeysAndArgumentsAndReturnsTextOrANumber() {
		String key = "zw:test:scripts:" + UUID.randomUUID();
		StepVerifier.create(this.scripts.run(APPEND_AND_READ, List.of(key), List.of("བཀྲ་ཤིས")))
			.expectNext("བཀྲ་ཤིས")
			.verifyComplete();
		StepVerifier.create(this.scripts.run(LENGTH, List.of(key), List.of())).expectNext(21L).verifyComplete();
		this.redis.delete(key).block();
	}

	@Test
	void aScriptRedisHasForgottenIsSentAgainAndRuns() {
		String key = "zw:test:scripts:" + UUID.randomUUID();
		StepVerifier.create(this.scripts.run(APPEND_AND_READ, List.of(key), List.of("a"))).expectNext("a").verifyComplete();
		// as after a restart or a failover to a replica that never saw the script
		this.redis.execute((connection) -> connection.scriptingCommands().scriptFlush()).blockLast();
		StepVerifier.create(this.scripts.run(APPEND_AND_READ, List.of(key), List.of("b"))).expectNext("ab").verifyComplete();
		this.redis.delete(key).block();
	}

	@Test
	void aNilResultIsEmpty() {
		StepVerifier.create(this.scripts.run(NOTHING, List.of("zw:test:scripts:" + UUID.randomUUID()), List.of()))
			.verifyComplete();
	}

	@Test
	void setStoresTheValueWithItsTimeToLive() {
		String key = "zw:test:scripts:" + UUID.randomUUID();
		StepVerifier.create(this.scripts.set(key, "吉祥", Duration.ofMinutes(2))).verifyComplete();
		StepVerifier.create(this.redis.opsForValue().get(key)).expectNext("吉祥").verifyComplete();
		StepVerifier.create(this.redis.getExpire(key))
			.expectNextMatches((ttl) -> ttl.compareTo(Duration.ofSeconds(100)) > 0 && ttl.compareTo(Duration.ofMinutes(2)) <= 0)
			.verifyComplete();
		this.redis.delete(key).block();
	}

	@Test
	void anInstanceStopsWithoutLettuceWarningThatAConnectionWasClosedTwice(CapturedOutput output) {
		ConfigurableApplicationContext instance = new SpringApplicationBuilder(ZhengwuAssistant.class).profiles("test")
			.run("--server.port=0");
		assertThat(instance.isActive()).isTrue();

		instance.close();

		assertThat(output.getAll()).doesNotContain("Connection is already closed");
	}

}

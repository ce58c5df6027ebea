package io.zhengwu.assistant.system;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;

import reactor.test.StepVerifier;

@SpringBootTest
@ActiveProfiles("test")
class EmbeddedRedisTest {

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Test
	void appTalksToARealRedisServerThroughLettuceWithNoRedisConfigured() {
		String key = "test:" + UUID.randomUUID();
		StepVerifier.create(this.redis.opsForValue().set(key, "吉祥", Duration.ofMinutes(1))
			.then(this.redis.opsForValue().get(key))
			.flatMap((value) -> this.redis.delete(key).thenReturn(value)))
			.expectNext("吉祥")
			.verifyComplete();
		StepVerifier.create(this.redis.execute((connection) -> connection.serverCommands().info("server")))
			.expectNextMatches((info) -> info.getProperty("redis_version") != null)
			.verifyComplete();
	}

}

package io.zhengwu.assistant.conversation;

import java.time.Duration;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Messages per citizen per minute, counted in Redis so all instances share the count: a window
 * opens with the citizen's first message and lasts a minute.
 */
@Component
class RateLimit {

	static final String KEY_PREFIX = "zw:conversation:rate:";

	private static final Duration WINDOW = Duration.ofMinutes(1);

	private final ReactiveStringRedisTemplate redis;

	private final ConversationProperties properties;

	RateLimit(ReactiveStringRedisTemplate redis, ConversationProperties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	/** What to do with a citizen's next message. */
	enum Admission {

		/** Within the limit: answer it. */
		ADMIT,

		/** The first message over the limit: tell the citizen to slow down. */
		NOTICE,

		/** Over the limit and already told: no reply. */
		DROP

	}

	Mono<Admission> admit(String openId) {
		String key = KEY_PREFIX + openId;
		int limit = this.properties.rateLimitPerMinute();
		// The window's expiry is set when the key is created, so a counter never outlives its minute.
		return this.redis.opsForValue()
			.setIfAbsent(key, "0", WINDOW)
			.then(this.redis.opsForValue().increment(key))
			.map((count) -> (count <= limit) ? Admission.ADMIT : (count == limit + 1) ? Admission.NOTICE : Admission.DROP);
	}

}

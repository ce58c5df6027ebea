package io.zhengwu.assistant.conversation;

import java.time.Duration;
import java.util.List;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
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

	/**
	 * Count and open the window in one atomic round trip, so a counter never outlives its minute
	 * even if an instance dies between the two.
	 */
	private static final RedisScript<Long> COUNT = RedisScript.of("""
			local count = redis.call('INCR', KEYS[1])
			if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
			return count
			""", Long.class);

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
		int limit = this.properties.rateLimitPerMinute();
		return this.redis.execute(COUNT, List.of(KEY_PREFIX + openId), List.of(Long.toString(WINDOW.toMillis())))
			.next()
			.map((count) -> (count <= limit) ? Admission.ADMIT : (count == limit + 1) ? Admission.NOTICE : Admission.DROP);
	}

}

package io.zhengwu.assistant.conversation;

import java.time.Duration;
import java.util.List;

import io.zhengwu.assistant.system.RedisScripts;

import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Messages per citizen per minute, counted in Redis so all instances share the count: a window
 * opens with the citizen's first message and lasts a minute. The counter,
 * {@code zw:conversation:rate:{<openid>}}, carries the citizen's hash tag like their session, so
 * one script reads both on a Redis Cluster too.
 */
@Component
class RateLimit {

	private static final String KEY_PREFIX = "zw:conversation:rate:";

	private static final Duration WINDOW = Duration.ofMinutes(1);

	/**
	 * Counts and opens the window atomically (so a counter never outlives its minute even if an
	 * instance dies between the two) and reads the citizen's session, in one round trip: the count,
	 * {@code |}, then the stored session (empty if none, or if stored as something else by an
	 * earlier version).
	 */
	private static final RedisScript<String> COUNT_AND_SESSION = RedisScript.of("""
			local count = redis.call('INCR', KEYS[1])
			if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
			local session = redis.pcall('GET', KEYS[2])
			if type(session) ~= 'string' then session = '' end
			return count .. '|' .. session
			""", String.class);

	private final RedisScripts redis;

	private final ConversationProperties properties;

	RateLimit(RedisScripts redis, ConversationProperties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	static String key(String openId) {
		return KEY_PREFIX + CitizenSessions.hashTag(openId);
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

	/** What to do with a citizen's next message, and the citizen's session, in one round trip. */
	Mono<Admitted> admitWithSession(String openId) {
		int limit = this.properties.rateLimitPerMinute();
		return this.redis
			.run(COUNT_AND_SESSION, List.of(key(openId), CitizenSessions.key(openId)),
					List.of(Long.toString(WINDOW.toMillis())))
			.map((result) -> {
				int bar = result.indexOf('|');
				long count = Long.parseLong(result.substring(0, bar));
				String stored = result.substring(bar + 1);
				CitizenSession session = stored.isEmpty() ? CitizenSession.NEW : CitizenSessions.decode(stored);
				Admission admission = (count <= limit) ? Admission.ADMIT
						: (count == limit + 1) ? Admission.NOTICE : Admission.DROP;
				return new Admitted(admission, session);
			});
	}

	/** The rate limit's decision and the citizen's session as stored. */
	record Admitted(Admission admission, CitizenSession session) {
	}

}

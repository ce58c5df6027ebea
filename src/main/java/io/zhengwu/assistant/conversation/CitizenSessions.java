package io.zhengwu.assistant.conversation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.zhengwu.assistant.knowledge.Language;
import io.zhengwu.assistant.system.CitizenData;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Citizens' sessions in Redis: one hash per citizen, {@code zw:conversation:session:<openid>},
 * kept for {@code zhengwu.conversation.session-ttl} after the last change and erased on
 * unsubscribe together with the rate-limit counter.
 */
@Component
class CitizenSessions implements CitizenData {

	static final String SESSION_PREFIX = "zw:conversation:session:";

	private final ReactiveStringRedisTemplate redis;

	private final ConversationProperties properties;

	CitizenSessions(ReactiveStringRedisTemplate redis, ConversationProperties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	Mono<CitizenSession> load(String openId) {
		return this.redis.<String, String>opsForHash()
			.entries(SESSION_PREFIX + openId)
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.map(CitizenSessions::fromHash);
	}

	Mono<Void> save(String openId, CitizenSession session) {
		String key = SESSION_PREFIX + openId;
		Map<String, String> hash = new HashMap<>();
		hash.put("lang", (session.language() != null) ? session.language().code() : "");
		hash.put("last", (session.lastLanguage() != null) ? session.lastLanguage().code() : "");
		hash.put("choices", String.join(",", session.choices()));
		hash.put("notFound", Integer.toString(session.notFoundInARow()));
		return this.redis.<String, String>opsForHash()
			.putAll(key, hash)
			.then(this.redis.expire(key, this.properties.sessionTtl()))
			.then();
	}

	@Override
	public Mono<Void> erase(String openId) {
		return this.redis.delete(SESSION_PREFIX + openId, RateLimit.KEY_PREFIX + openId).then();
	}

	private static CitizenSession fromHash(Map<String, String> hash) {
		if (hash.isEmpty()) {
			return CitizenSession.NEW;
		}
		String lang = hash.getOrDefault("lang", "");
		String last = hash.getOrDefault("last", "");
		String choices = hash.getOrDefault("choices", "");
		int notFound;
		try {
			notFound = Integer.parseInt(hash.getOrDefault("notFound", "0"));
		}
		catch (NumberFormatException ex) {
			notFound = 0;
		}
		return new CitizenSession(lang.isEmpty() ? null : Language.fromCode(lang),
				last.isEmpty() ? null : Language.fromCode(last), choices.isEmpty() ? List.of() : Arrays.asList(choices.split(",")), notFound);
	}

}

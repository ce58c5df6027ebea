package io.zhengwu.assistant.conversation;

import java.util.Arrays;
import java.util.List;

import io.zhengwu.assistant.knowledge.Language;
import io.zhengwu.assistant.system.CitizenData;
import io.zhengwu.assistant.system.RedisScripts;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Citizens' sessions in Redis: one short string per citizen, {@code zw:conversation:session:{<openid>}}
 * ({@code <lang>|<last language>|<choice ids>|<not-found count>}), one round trip to read and one to
 * write, written only when it changed and kept for {@code zhengwu.conversation.session-ttl} after
 * the last change. Erased on unsubscribe together with the rate-limit counter. The openid in braces
 * is a Redis Cluster hash tag: a citizen's keys share one slot, so a script or a DEL may use them
 * together.
 */
@Component
class CitizenSessions implements CitizenData {

	private static final String SESSION_PREFIX = "zw:conversation:session:";

	private final ReactiveStringRedisTemplate redis;

	private final RedisScripts commands;

	private final ConversationProperties properties;

	CitizenSessions(ReactiveStringRedisTemplate redis, RedisScripts commands, ConversationProperties properties) {
		this.redis = redis;
		this.commands = commands;
		this.properties = properties;
	}

	static String key(String openId) {
		return SESSION_PREFIX + hashTag(openId);
	}

	/** The citizen's hash tag: their keys hash to one Redis Cluster slot. */
	static String hashTag(String openId) {
		return "{" + openId + "}";
	}

	Mono<CitizenSession> load(String openId) {
		return this.redis.opsForValue()
			.get(key(openId))
			.map(CitizenSessions::decode)
			// A session stored by an earlier version as a hash: start afresh (the next save replaces it).
			.onErrorResume((ex) -> String.valueOf(ex.getMessage()).contains("WRONGTYPE"), (ex) -> Mono.empty())
			.defaultIfEmpty(CitizenSession.NEW);
	}

	Mono<Void> save(String openId, CitizenSession session) {
		if (!session.changed()) {
			return Mono.empty();
		}
		return this.commands.set(key(openId), encode(session), this.properties.sessionTtl());
	}

	@Override
	public Mono<Void> erase(String openId) {
		return this.redis.delete(key(openId), RateLimit.key(openId)).then();
	}

	static String encode(CitizenSession session) {
		return code(session.language()) + "|" + code(session.lastLanguage()) + "|"
				+ String.join(",", session.choices()) + "|" + session.notFoundInARow();
	}

	static CitizenSession decode(String value) {
		String[] parts = value.split("\\|", -1);
		if (parts.length != 4) {
			// Written by another version: start afresh rather than fail the citizen's message.
			return CitizenSession.NEW;
		}
		int notFound;
		try {
			notFound = Integer.parseInt(parts[3]);
		}
		catch (NumberFormatException ex) {
			notFound = 0;
		}
		List<String> choices = parts[2].isEmpty() ? List.of() : Arrays.asList(parts[2].split(","));
		return new CitizenSession(language(parts[0]), language(parts[1]), choices, notFound, false);
	}

	private static String code(Language language) {
		return (language != null) ? language.code() : "";
	}

	private static Language language(String code) {
		return code.isEmpty() ? null : Language.fromCode(code);
	}

}

package io.zhengwu.assistant.system;

import java.time.Duration;
import java.util.List;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * The Redis commands every citizen message runs (the exactly-once claim, the rate limit, the
 * hand-off check, the session and reply writes), through Lettuce's asynchronous API on a
 * connection of its own from the same Lettuce client as everything else (standalone, Sentinel or
 * Cluster, with the same password, TLS and timeouts). The reactive template costs a queue and a
 * subscription state machine per command; at six commands per message that was a large share of
 * the webhook's CPU and garbage. Everything else keeps using the template.
 */
@Component
public class RedisScripts implements DisposableBean {

	private final StatefulConnection<String, String> connection;

	private final RedisClusterAsyncCommands<String, String> commands;

	RedisScripts(LettuceConnectionFactory factory) {
		AbstractRedisClient client = factory.getRequiredNativeClient();
		if (client instanceof RedisClusterClient cluster) {
			StatefulRedisClusterConnection<String, String> clustered = cluster.connect(StringCodec.UTF8);
			this.connection = clustered;
			this.commands = clustered.async();
		}
		else {
			StatefulRedisConnection<String, String> single = ((RedisClient) client).connect(StringCodec.UTF8);
			this.connection = single;
			this.commands = single.async();
		}
	}

	/**
	 * Runs a Lua script by its SHA-1, sending the script itself only when Redis does not know it
	 * yet (after a restart or a failover), as Spring's script executor does.
	 * @return the script's result; empty when it returned nil
	 */
	public <T> Mono<T> run(RedisScript<T> script, List<String> keys, List<String> args) {
		String[] keyArray = keys.toArray(String[]::new);
		String[] argArray = args.toArray(String[]::new);
		ScriptOutputType type = outputType(script.getResultType());
		return Mono.<T>fromCompletionStage(() -> this.commands.<T>evalsha(script.getSha1(), type, keyArray, argArray))
			.onErrorResume(RedisNoScriptException.class, (ex) -> Mono
				.fromCompletionStage(() -> this.commands.<T>eval(script.getScriptAsString(), type, keyArray, argArray)));
	}

	/** {@code SET key value PX ttl}. */
	public Mono<Void> set(String key, String value, Duration ttl) {
		return Mono.fromCompletionStage(() -> this.commands.set(key, value, SetArgs.Builder.px(ttl.toMillis()))).then();
	}

	private static ScriptOutputType outputType(Class<?> resultType) {
		if (resultType == null) {
			return ScriptOutputType.STATUS;
		}
		if (resultType == Long.class) {
			return ScriptOutputType.INTEGER;
		}
		if (resultType == Boolean.class) {
			return ScriptOutputType.BOOLEAN;
		}
		if (List.class.isAssignableFrom(resultType)) {
			return ScriptOutputType.MULTI;
		}
		return ScriptOutputType.VALUE;
	}

	/**
	 * Closes the connection, unless the connection factory's stop (a lifecycle phase, before beans
	 * are destroyed) has already closed it with the client: closing it twice makes Lettuce warn at
	 * every normal stop.
	 */
	@Override
	public void destroy() {
		if (this.connection.isOpen()) {
			this.connection.close();
		}
	}

}

package io.zhengwu.assistant.system;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns {@code REDIS_URL} into Spring's {@code spring.data.redis.*} settings, which Lettuce then
 * uses. Three forms:
 * <ul>
 * <li>{@code redis://[:password@]host:port[/db]} and {@code rediss://…} (TLS): one server, as is;</li>
 * <li>{@code redis-sentinel://[:password@]host:port[,host:port…][/db]?sentinelMasterId=NAME}
 * (Lettuce's own form): the sentinels, the master's name; the password is the master's;</li>
 * <li>{@code redis-cluster://[:password@]host:port[,host:port…]}: the seed nodes of a Redis
 * Cluster.</li>
 * </ul>
 */
final class RedisUrl {

	private RedisUrl() {
	}

	static Map<String, Object> toSpringProperties(String url) {
		String trimmed = url.trim();
		int schemeEnd = trimmed.indexOf("://");
		if (schemeEnd < 0) {
			throw new IllegalArgumentException("REDIS_URL must start with redis://, rediss://, redis-sentinel:// "
					+ "or redis-cluster://");
		}
		String scheme = trimmed.substring(0, schemeEnd);
		return switch (scheme) {
			case "redis", "rediss" -> Map.of("spring.data.redis.url", trimmed);
			case "redis-sentinel" -> sentinel(parse(trimmed.substring(schemeEnd + 3)));
			case "redis-cluster" -> cluster(parse(trimmed.substring(schemeEnd + 3)));
			default -> throw new IllegalArgumentException("REDIS_URL has an unknown scheme '" + scheme
					+ "'; use redis://, rediss://, redis-sentinel:// or redis-cluster://");
		};
	}

	private static Map<String, Object> sentinel(Parts parts) {
		String master = parts.query().get("sentinelMasterId");
		if (master == null || master.isBlank()) {
			throw new IllegalArgumentException("A redis-sentinel:// REDIS_URL needs ?sentinelMasterId=<master name>");
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.data.redis.sentinel.master", master);
		properties.put("spring.data.redis.sentinel.nodes", parts.hosts());
		if (parts.password() != null) {
			properties.put("spring.data.redis.password", parts.password());
		}
		String sentinelPassword = parts.query().get("sentinelPassword");
		if (sentinelPassword != null) {
			properties.put("spring.data.redis.sentinel.password", sentinelPassword);
		}
		if (parts.database() != null) {
			properties.put("spring.data.redis.database", parts.database());
		}
		return properties;
	}

	private static Map<String, Object> cluster(Parts parts) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.data.redis.cluster.nodes", parts.hosts());
		if (parts.password() != null) {
			properties.put("spring.data.redis.password", parts.password());
		}
		return properties;
	}

	/** Splits {@code [user:password@]h1:p1,h2:p2[/db][?k=v&…]}. */
	private static Parts parse(String rest) {
		String query = "";
		int q = rest.indexOf('?');
		if (q >= 0) {
			query = rest.substring(q + 1);
			rest = rest.substring(0, q);
		}
		String database = null;
		int slash = rest.indexOf('/');
		if (slash >= 0) {
			database = rest.substring(slash + 1);
			rest = rest.substring(0, slash);
			if (database.isEmpty()) {
				database = null;
			}
		}
		String password = null;
		int at = rest.lastIndexOf('@');
		if (at >= 0) {
			String userInfo = rest.substring(0, at);
			rest = rest.substring(at + 1);
			int colon = userInfo.indexOf(':');
			password = decode((colon >= 0) ? userInfo.substring(colon + 1) : userInfo);
		}
		for (String host : rest.split(",")) {
			// URI validates each host:port for us (and IPv6 in brackets).
			URI check = URI.create("redis://" + host);
			if (check.getHost() == null || check.getPort() < 0) {
				throw new IllegalArgumentException("REDIS_URL host '" + host + "' must be host:port");
			}
		}
		Map<String, String> params = query.isEmpty() ? Map.of()
				: Arrays.stream(query.split("&"))
					.map((pair) -> pair.split("=", 2))
					.collect(Collectors.toMap((kv) -> kv[0], (kv) -> (kv.length > 1) ? decode(kv[1]) : ""));
		return new Parts(rest, password, database, params);
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

	private record Parts(String hosts, String password, String database, Map<String, String> query) {

		@Override
		public String toString() {
			return "Parts[hosts=" + this.hosts + ", password=" + ((this.password != null) ? "****" : "none") + "]";
		}

	}

}

package io.zhengwu.assistant.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

import redis.embedded.RedisServer;

/**
 * Chooses the Redis server before any bean is created. With {@code REDIS_URL} (a single server,
 * Sentinel or Cluster: see {@link RedisUrl}) or Spring's own {@code spring.data.redis.*} settings
 * the app uses that server; with neither, it starts a real
 * {@code redis-server} process (shipped in the embedded-redis jar) on a free loopback port, with
 * append-only persistence under {@code zhengwu.redis.embedded.dir} so a restart keeps state. Either
 * way the app talks to Redis through Lettuce: one code path.
 *
 * <p>The embedded server is one per JVM, so several application contexts in one JVM (tests that
 * run two instances) share it, as two instances behind a load balancer share one Redis.
 */
public class EmbeddedRedis implements EnvironmentPostProcessor, Ordered {

	private static final Log log = LogFactory.getLog(EmbeddedRedis.class);

	static final String ENABLED = "zhengwu.redis.embedded.enabled";

	static final String DIR = "zhengwu.redis.embedded.dir";

	private static RedisServer server;

	private static int port;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String url = environment.getProperty("REDIS_URL");
		if (StringUtils.hasText(url)) {
			environment.getPropertySources().addFirst(new MapPropertySource("redisUrl", RedisUrl.toSpringProperties(url)));
			return;
		}
		if (redisConfigured(environment) || !environment.getProperty(ENABLED, Boolean.class, true)) {
			return;
		}
		int embeddedPort = start(Path.of(environment.getProperty(DIR, "data/redis")));
		environment.getPropertySources()
			.addFirst(new MapPropertySource("embeddedRedis",
					Map.of("spring.data.redis.host", "127.0.0.1", "spring.data.redis.port", embeddedPort)));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	private static boolean redisConfigured(ConfigurableEnvironment environment) {
		return StringUtils.hasText(environment.getProperty("spring.data.redis.url"))
				|| StringUtils.hasText(environment.getProperty("spring.data.redis.host"))
				|| StringUtils.hasText(environment.getProperty("spring.data.redis.sentinel.master"))
				|| StringUtils.hasText(environment.getProperty("spring.data.redis.cluster.nodes"));
	}

	/** Starts the JVM's embedded server once (later calls return its port) and stops it at exit. */
	static synchronized int start(Path dataDir) {
		if (server != null) {
			return port;
		}
		try {
			Files.createDirectories(dataDir);
			int freePort = freeLoopbackPort();
			RedisServer started = RedisServer.newRedisServer()
				.port(freePort)
				.bind("127.0.0.1")
				.setting("dir " + dataDir.toAbsolutePath())
				.setting("appendonly yes")
				.setting("appendfsync everysec")
				.setting("protected-mode yes")
				.build();
			started.start();
			server = started;
			port = freePort;
			Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedRedis::stop, "embedded-redis-stop"));
			log.info("Started embedded redis-server on 127.0.0.1:" + freePort + " with data in "
					+ dataDir.toAbsolutePath() + " (set REDIS_URL to use another server)");
			return freePort;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded redis-server in " + dataDir
					+ "; set REDIS_URL to use an external Redis", ex);
		}
	}

	static synchronized void stop() {
		if (server != null) {
			try {
				server.stop();
			}
			catch (IOException ex) {
				log.warn("Embedded redis-server did not stop cleanly: " + ex.getMessage());
			}
			server = null;
		}
	}

	private static int freeLoopbackPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}

package io.zhengwu.assistant.system;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

import redis.embedded.core.ExecutableProvider;

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

	private static final Log shutdownLog = LogFactory.getLog(EmbeddedRedis.class);

	static final String ENABLED = "zhengwu.redis.embedded.enabled";

	static final String DIR = "zhengwu.redis.embedded.dir";

	private static Process server;

	private static int port;

	/** Keeps the server's log from growing without end while it runs. */
	private static RedisLog serverLog;

	/** Held back until the logging system is set up (it is not yet when environments are prepared). */
	private final Log log;

	public EmbeddedRedis(DeferredLogFactory logs) {
		this.log = logs.getLog(EmbeddedRedis.class);
	}

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
		int embeddedPort = start(Path.of(environment.getProperty(DIR, "data/redis")), this.log);
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

	/**
	 * Starts the JVM's embedded server once (later calls return its port) and stops it at exit,
	 * after every application context has closed.
	 */
	static synchronized int start(Path dataDir, Log log) {
		if (server != null) {
			return port;
		}
		try {
			Files.createDirectories(dataDir);
			stopLeftOverServer(dataDir, log);
			Path logFile = dataDir.resolve("redis.log");
			RedisLog.rotateIfLarger(logFile, RedisLog.LIMIT);
			File binary = ExecutableProvider.newJarResourceProvider().get();
			// The free port is found by binding and closing it; another process may take it before
			// redis-server binds, so a failed start is retried on a new port.
			IOException lastFailure = null;
			for (int attempt = 1; attempt <= 5; attempt++) {
				int freePort = freeLoopbackPort();
				// The binary comes from the embedded-redis jar, but we run the process ourselves: its
				// output goes to a log file, never to a pipe that nobody reads (a full pipe stalls
				// redis-server, a closed one loses its log).
				Process started = new ProcessBuilder(binary.getAbsolutePath(), "--port", String.valueOf(freePort),
						"--bind", "127.0.0.1", "--protected-mode", "yes", "--dir", dataDir.toAbsolutePath().toString(),
						"--appendonly", "yes", "--appendfsync", "everysec", "--daemonize", "no", "--logfile",
						logFile.toAbsolutePath().toString(), "--pidfile", pidFile(dataDir).toAbsolutePath().toString())
					.redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
					.start();
				try {
					awaitPong(started, freePort, logFile);
				}
				catch (IOException ex) {
					lastFailure = ex;
					continue;
				}
				server = started;
				port = freePort;
				serverLog = RedisLog.checkEvery(RedisLog.CHECK_EVERY, logFile, RedisLog.LIMIT);
				// Not a JVM shutdown hook of its own: those run at the same time as Spring's, and Redis
				// would go while the contexts still finish their work (answers, hand-off actions).
				// Spring's shutdown handlers run once every context is closed.
				SpringApplication.getShutdownHandlers().add(EmbeddedRedis::stop);
				log.info("Started embedded redis-server on 127.0.0.1:" + freePort + " with data in "
						+ dataDir.toAbsolutePath() + " (set REDIS_URL to use another server)");
				return freePort;
			}
			throw lastFailure;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded redis-server in " + dataDir
					+ "; set REDIS_URL to use an external Redis", ex);
		}
	}

	/**
	 * A redis-server still running on {@code dataDir} from before. Left by an instance that was
	 * killed (its server then outlives it, with nobody to stop it): stopped here, as redis-cli
	 * SHUTDOWN would, so its data is on disk before ours starts on the same files. Owned by an
	 * instance that still runs: two servers must never write one append-only file, so the start
	 * fails and says what to do.
	 * @throws IllegalStateException when a running instance's server uses {@code dataDir}
	 */
	static void stopLeftOverServer(Path dataDir, Log log) throws IOException {
		Path pidFile = pidFile(dataDir);
		if (!Files.exists(pidFile)) {
			return;
		}
		String pid = Files.readString(pidFile, StandardCharsets.US_ASCII).strip();
		ProcessHandle server = pid.matches("\\d{1,10}") ? ProcessHandle.of(Long.parseLong(pid))
			.filter(ProcessHandle::isAlive)
			.filter((process) -> commandContains(process, "redis-server"))
			.orElse(null) : null;
		if (server == null) {
			// stale: the server was killed with its instance, or the number now belongs to another program
			Files.deleteIfExists(pidFile);
			return;
		}
		ProcessHandle owner = server.parent().filter(ProcessHandle::isAlive).orElse(null);
		if (owner != null && commandContains(owner, "java")) {
			throw new IllegalStateException("The embedded Redis data in " + dataDir.toAbsolutePath()
					+ " is in use by redis-server (pid " + pid + ") of another running instance (pid " + owner.pid()
					+ "): give each instance its own ZHENGWU_DATA_DIR, or set REDIS_URL so that they share one Redis");
		}
		log.warn("A redis-server (pid " + pid + ") left running on " + dataDir.toAbsolutePath()
				+ " by an instance that did not stop cleanly; stopping it before starting ours");
		server.destroy();
		try {
			server.onExit().get(10, TimeUnit.SECONDS);
		}
		catch (TimeoutException ex) {
			log.warn("The left-over redis-server (pid " + pid + ") did not stop within 10 s; killing it");
			server.destroyForcibly();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while stopping the left-over redis-server (pid " + pid + ")", ex);
		}
		catch (ExecutionException ex) {
			throw new IOException("Could not stop the left-over redis-server (pid " + pid + ")", ex);
		}
	}

	private static boolean commandContains(ProcessHandle process, String name) {
		return process.info().command().map((command) -> command.contains(name)).orElse(false);
	}

	static Path pidFile(Path dataDir) {
		return dataDir.resolve("redis-server.pid");
	}

	/** Waits until the server answers PING, or fails naming its log when it exits or stays silent. */
	private static void awaitPong(Process process, int port, Path logFile) throws IOException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IOException("redis-server exited with code " + process.exitValue() + "; see " + logFile);
			}
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
				socket.setSoTimeout(1000);
				socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
				byte[] answer = socket.getInputStream().readNBytes(7);
				if ("+PONG\r\n".equals(new String(answer, StandardCharsets.US_ASCII))) {
					return;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		process.destroyForcibly();
		throw new IOException("redis-server did not answer PING on port " + port + " within 30 s; see " + logFile);
	}

	/** Stops the server as redis-cli SHUTDOWN would (SIGTERM: it flushes the append-only file). */
	static synchronized void stop() {
		if (server != null) {
			server.destroy();
			try {
				if (!server.waitFor(10, TimeUnit.SECONDS)) {
					shutdownLog.warn("Embedded redis-server did not stop within 10 s; killing it");
					server.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				server.destroyForcibly();
			}
			server = null;
			serverLog.close();
			serverLog = null;
		}
	}

	private static int freeLoopbackPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}

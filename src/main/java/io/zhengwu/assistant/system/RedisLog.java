package io.zhengwu.assistant.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The embedded redis-server's log ({@code <data>/redis/redis.log}) kept from growing without end:
 * once it is larger than its limit it is renamed {@code redis.log.1}, replacing the one before — at
 * start and then every hour while the server runs. Redis opens its log file for every line it
 * writes, so the next line simply starts a new {@code redis.log}: no line is lost and the server
 * needs no signal. At most twice the limit stays on disk.
 */
final class RedisLog implements AutoCloseable {

	/** Plenty for months of a quiet server's lines (a few hundred KB a day), small on any disk. */
	static final long LIMIT = 10 * 1024 * 1024;

	static final Duration CHECK_EVERY = Duration.ofHours(1);

	private static final Log log = LogFactory.getLog(RedisLog.class);

	private final Path file;

	private final long limit;

	private final ScheduledExecutorService timer;

	private RedisLog(Path file, long limit, Duration every) {
		this.file = file;
		this.limit = limit;
		this.timer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "embedded-redis-log");
			thread.setDaemon(true);
			return thread;
		});
		this.timer.scheduleWithFixedDelay(this::rotateQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Rotates {@code file} whenever it is over {@code limit}, checked every {@code every}, until closed. */
	static RedisLog checkEvery(Duration every, Path file, long limit) {
		return new RedisLog(file, limit, every);
	}

	/**
	 * Renames {@code file} to {@code <file>.1} (replacing it) if it is larger than {@code limit}.
	 * @return whether it was renamed
	 */
	static boolean rotateIfLarger(Path file, long limit) throws IOException {
		if (!Files.exists(file) || Files.size(file) <= limit) {
			return false;
		}
		Files.move(file, rotated(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		return true;
	}

	static Path rotated(Path file) {
		return file.resolveSibling(file.getFileName() + ".1");
	}

	private void rotateQuietly() {
		try {
			rotateIfLarger(this.file, this.limit);
		}
		catch (IOException | RuntimeException ex) {
			// The server goes on logging into the same file; the next check tries again.
			log.warn("Could not rotate the embedded Redis log " + this.file + ": " + ex);
		}
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

}

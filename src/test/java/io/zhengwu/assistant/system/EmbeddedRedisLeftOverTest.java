package io.zhengwu.assistant.system;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import redis.embedded.core.ExecutableProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A redis-server still running on the embedded data folder when an instance starts: left by a
 * killed instance, it is stopped with its data saved; owned by a running instance, the start fails
 * and says what to do — never two servers on one append-only file.
 */
class EmbeddedRedisLeftOverTest {

	private static final Log LOG = LogFactory.getLog(EmbeddedRedisLeftOverTest.class);

	@TempDir
	Path dir;

	private final List<ProcessHandle> started = new ArrayList<>();

	@AfterEach
	void stopWhatIsLeft() {
		this.started.forEach(ProcessHandle::destroyForcibly);
	}

	@Test
	void aServerLeftByAKilledInstanceIsStoppedAndWhatItHeldIsOnDisk() throws Exception {
		int port = RedisProcesses.freePort();
		// Started through a shell that exits at once, as a killed JVM leaves its server: nobody's child.
		Process shell = new ProcessBuilder("sh", "-c", serverCommand(port) + " > /dev/null 2>&1 &").start();
		assertThat(shell.waitFor()).isZero();
		awaitPong(port);
		ProcessHandle orphan = ProcessHandle.of(pidInFile()).orElseThrow();
		this.started.add(orphan);
		assertThat(orphan.parent().flatMap((parent) -> parent.info().command()).orElse("")).doesNotContain("java");
		assertThat(command(port, "SET", "left-over", "吉祥如意")).startsWith("+OK");

		EmbeddedRedis.stopLeftOverServer(this.dir, LOG);

		assertThat(orphan.isAlive()).as("the left-over server is stopped").isFalse();
		assertThat(appendOnlyText()).as("what it held was written to its append-only file").contains("吉祥如意");
	}

	@Test
	void aServerOfAnotherRunningInstanceStopsTheStartAndIsLeftAlone() throws Exception {
		int port = RedisProcesses.freePort();
		Process server = new ProcessBuilder("sh", "-c", "exec " + serverCommand(port)).start();
		this.started.add(server.toHandle());
		awaitPong(port);

		assertThatThrownBy(() -> EmbeddedRedis.stopLeftOverServer(this.dir, LOG)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("another running instance")
			.hasMessageContaining("ZHENGWU_DATA_DIR")
			.hasMessageContaining("REDIS_URL");
		assertThat(server.isAlive()).as("the other instance's server still runs").isTrue();
		assertThat(command(port, "PING")).startsWith("+PONG");
	}

	@Test
	void aPidFileOfAServerThatIsGoneIsRemovedAndTheStartGoesOn() throws Exception {
		Process gone = new ProcessBuilder("true").start();
		gone.waitFor();
		Files.writeString(EmbeddedRedis.pidFile(this.dir), gone.pid() + "\n");

		EmbeddedRedis.stopLeftOverServer(this.dir, LOG);

		assertThat(EmbeddedRedis.pidFile(this.dir)).doesNotExist();
	}

	private String serverCommand(int port) throws IOException {
		File binary = ExecutableProvider.newJarResourceProvider().get();
		return String.join(" ", binary.getAbsolutePath(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
				"--dir", this.dir.toAbsolutePath().toString(), "--appendonly", "yes", "--appendfsync", "everysec",
				"--daemonize", "no", "--save", "''", "--pidfile", EmbeddedRedis.pidFile(this.dir).toAbsolutePath().toString());
	}

	private long pidInFile() throws Exception {
		Path pidFile = EmbeddedRedis.pidFile(this.dir);
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) {
			assertThat(System.nanoTime()).as("redis-server wrote its pid file").isLessThan(deadline);
			Thread.sleep(20);
		}
		return Long.parseLong(Files.readString(pidFile).strip());
	}

	private String appendOnlyText() throws IOException {
		try (Stream<Path> files = Files.walk(this.dir)) {
			StringBuilder text = new StringBuilder();
			for (Path file : files.filter((f) -> f.getFileName().toString().contains("appendonly")).filter(Files::isRegularFile).toList()) {
				text.append(Files.readString(file, StandardCharsets.UTF_8));
			}
			return text.toString();
		}
	}

	private static void awaitPong(int port) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (true) {
			try {
				if (command(port, "PING").startsWith("+PONG")) {
					return;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			assertThat(System.nanoTime()).as("redis-server answers on port " + port).isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	/** One command in Redis's protocol; the first line of the answer. */
	private static String command(int port, String... args) throws IOException {
		StringBuilder request = new StringBuilder("*" + args.length + "\r\n");
		for (String arg : args) {
			request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
		}
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(5000);
			socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
			byte[] answer = new byte[64];
			int read = socket.getInputStream().read(answer);
			return new String(answer, 0, Math.max(read, 0), StandardCharsets.UTF_8);
		}
	}

}

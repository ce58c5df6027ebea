package io.zhengwu.assistant.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real Redis processes for one test (Debian's {@code redis-server} and {@code redis-sentinel}; .ci/run
 * installs them on a fresh machine): each writes its log into the test's directory, and
 * {@link #close()} stops them all.
 */
public final class RedisProcesses implements AutoCloseable {

	public static final Path SERVER = Path.of("/usr/bin/redis-server");

	public static final Path SENTINEL = Path.of("/usr/bin/redis-sentinel");

	private final Path dir;

	private final List<Process> processes = new ArrayList<>();

	public RedisProcesses(Path dir) {
		this.dir = dir;
	}

	public static boolean installed(Path binary) {
		return Files.isExecutable(binary);
	}

	/** Starts {@code command}; its output goes to {@code <binary>-<n>.log} in the test's directory. */
	public synchronized Process start(String... command) throws IOException {
		Path binary = Path.of(command[0]);
		if (!installed(binary)) {
			throw new AssertionError(binary + " is missing (apt-get install redis-server redis-sentinel)");
		}
		Path log = this.dir.resolve(binary.getFileName() + "-" + this.processes.size() + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		this.processes.add(process);
		return process;
	}

	public Path dir() {
		return this.dir;
	}

	/** Stops every process started here and waits for it to exit. */
	@Override
	public synchronized void close() {
		this.processes.forEach(Process::destroy);
		for (Process process : this.processes) {
			try {
				if (!process.waitFor(10, TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				process.destroyForcibly();
			}
		}
		this.processes.clear();
	}

	/** Waits until something listens on the loopback port; fails after 20 s, or at once if {@code process} exited. */
	public static void awaitPort(int port, Process process) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
		while (Instant.now().isBefore(deadline)) {
			if (process != null && !process.isAlive()) {
				throw new AssertionError("The process for port " + port + " exited with " + process.exitValue());
			}
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
				return;
			}
			catch (IOException notYet) {
				Thread.sleep(50);
			}
		}
		throw new AssertionError("Nothing listens on port " + port);
	}

	public static void awaitPort(int port) throws InterruptedException {
		awaitPort(port, null);
	}

	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}

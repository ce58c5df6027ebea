package io.zhengwu.assistant.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded redis-server goes last when the JVM exits: a stopping instance still finishes its
 * work (answers owed to citizens, officers' actions) against Redis, and only then is the server
 * stopped — not orphaned. Run in a JVM of its own, since only the JVM's exit shows it.
 */
class EmbeddedRedisShutdownTest {

	@Test
	void theEmbeddedServerOutlivesTheClosingContextAndStopsAfterIt(@TempDir Path dir) throws Exception {
		String java = ProcessHandle.current().info().command().orElse("java");
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		Path output = dir.resolve("probe.log");
		Process probe = new ProcessBuilder(java, "-cp", classPath, EmbeddedRedisShutdownProbe.class.getName(),
				dir.resolve("redis").toString())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		assertThat(probe.waitFor(90, TimeUnit.SECONDS)).as("the probe JVM exits").isTrue();
		String printed = Files.readString(output, StandardCharsets.UTF_8);
		assertThat(printed).as(printed).contains("redis while closing: +PONG");
		assertThat(printed).as("logged once logging is set up, which is after the server started")
			.contains("Started embedded redis-server on 127.0.0.1:");
		Matcher port = Pattern.compile("embedded redis port: (\\d+)").matcher(printed);
		assertThat(port.find()).as(printed).isTrue();
		assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(port.group(1))).close())
			.as("the embedded redis-server is stopped with the JVM")
			.isInstanceOf(IOException.class);
	}

}

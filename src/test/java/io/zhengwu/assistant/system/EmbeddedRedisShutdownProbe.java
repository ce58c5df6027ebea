package io.zhengwu.assistant.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

/**
 * A JVM of its own for {@link EmbeddedRedisShutdownTest}: starts a context on the embedded Redis
 * with one bean that, like unfinished answers at shutdown, still needs Redis while the context
 * closes; prints what Redis said to it then, and exits.
 */
public final class EmbeddedRedisShutdownProbe {

	private EmbeddedRedisShutdownProbe() {
	}

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(Probe.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		ConfigurableApplicationContext context = application.run("--zhengwu.redis.embedded.dir=" + args[0]);
		System.out.println("embedded redis port: " + context.getEnvironment().getProperty("spring.data.redis.port"));
		System.exit(0);
	}

	/** Not a {@code @Configuration}: the app's component scan would take it into every other test's context. */
	static class Probe {

		@Bean
		SmartLifecycle stillUsesRedisWhileClosing(org.springframework.core.env.Environment environment) {
			int port = environment.getProperty("spring.data.redis.port", Integer.class);
			return new SmartLifecycle() {

				private volatile boolean running;

				@Override
				public void start() {
					this.running = true;
				}

				@Override
				public void stop() {
					try {
						// the JVM's other shutdown hooks have had their time by now
						Thread.sleep(500);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					System.out.println("redis while closing: " + ping(port));
					this.running = false;
				}

				@Override
				public boolean isRunning() {
					return this.running;
				}
			};
		}

		private static String ping(int port) {
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
				socket.setSoTimeout(2000);
				socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
				return new String(socket.getInputStream().readNBytes(5), StandardCharsets.US_ASCII);
			}
			catch (IOException ex) {
				return "unreachable (" + ex.getMessage() + ")";
			}
		}

	}

}

package io.zhengwu.assistant.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.zhengwu.assistant.ZhengwuAssistant;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances in one JVM (as the tests run them): stopping one leaves the other serving. With
 * Reactor Netty's global event loops, the one stopping disposed of the other's loops too, and its
 * server refused every connection from then on.
 */
class EventLoopsTest {

	@Test
	void stoppingAnotherInstanceInTheSameJvmLeavesThisOneServing() throws Exception {
		try (ConfigurableApplicationContext staying = start()) {
			assertThat(statusOfThePage(staying)).isEqualTo(200);
			try (ConfigurableApplicationContext stopping = start()) {
				assertThat(statusOfThePage(stopping)).isEqualTo(200);
			}
			assertThat(statusOfThePage(staying)).as("the page after the other instance stopped").isEqualTo(200);
		}
	}

	private static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(ZhengwuAssistant.class).profiles("test").run("--server.port=0");
	}

	private static int statusOfThePage(ConfigurableApplicationContext instance) throws Exception {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		String url = "http://127.0.0.1:" + instance.getEnvironment().getProperty("local.server.port") + "/";
		return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
				HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}

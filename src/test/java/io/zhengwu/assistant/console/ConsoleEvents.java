package io.zhengwu.assistant.console;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's live event stream ({@code /console/api/events}) as a logged-in officer sees it. */
final class ConsoleEvents implements AutoCloseable {

	private final Queue<Map<String, String>> changes = new ConcurrentLinkedQueue<>();

	private final Disposable stream;

	private ConsoleEvents(String baseUrl, ConsoleLogin officer, Duration wait) throws InterruptedException {
		CountDownLatch connected = new CountDownLatch(1);
		this.stream = WebClient.create(baseUrl)
			.get()
			.uri("/console/api/events")
			.cookie("SESSION", officer.session)
			.retrieve()
			.bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<Map<String, String>>>() {
			})
			.doOnNext((event) -> {
				if ("hello".equals(event.event())) {
					connected.countDown();
				}
			})
			.filter((event) -> "change".equals(event.event()))
			.subscribe((event) -> this.changes.add(event.data()));
		if (!connected.await(wait.toSeconds(), TimeUnit.SECONDS)) {
			this.stream.dispose();
		}
		assertThat(connected.getCount()).as("the console's event stream opened").isZero();
	}

	/** Opens the stream and waits for its first event, so nothing published afterwards is missed. */
	static ConsoleEvents open(String baseUrl, ConsoleLogin officer, Duration wait) throws InterruptedException {
		return new ConsoleEvents(baseUrl, officer, wait);
	}

	/** The first change so far or within {@code wait} that matches; fails naming those seen. */
	Map<String, String> await(Predicate<Map<String, String>> match, Duration wait) {
		long deadline = System.nanoTime() + wait.toNanos();
		while (System.nanoTime() < deadline) {
			for (Map<String, String> event : this.changes) {
				if (match.test(event)) {
					return event;
				}
			}
			Thread.onSpinWait();
		}
		throw new AssertionError("no matching console event within " + wait + ": " + this.changes);
	}

	void clear() {
		this.changes.clear();
	}

	@Override
	public void close() {
		this.stream.dispose();
	}

}

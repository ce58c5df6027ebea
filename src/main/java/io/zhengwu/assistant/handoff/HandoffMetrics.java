package io.zhengwu.assistant.handoff;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.zhengwu.assistant.system.Meters;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The hand-off's metrics: chats waiting (the queue length in Redis, read every few seconds, so a
 * scrape never waits on Redis), the wait from hand-off to claim, officers' replies and citizens'
 * ratings.
 */
class HandoffMetrics implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(HandoffMetrics.class);

	static final Duration QUEUE_READ_EVERY = Duration.ofSeconds(5);

	/** The citizen's words for a rating ({@link CitizenWords#rating}) as the metric's tag. */
	private static final Map<String, String> RATING_TAGS = Map.of("good", "satisfied", "fair", "neutral", "bad",
			"unsatisfied");

	private final HandoffStore store;

	private final MeterRegistry meters;

	private final AtomicLong waiting = new AtomicLong();

	private volatile Disposable reading;

	HandoffMetrics(HandoffStore store, MeterRegistry meters) {
		this.store = store;
		this.meters = meters;
		Gauge.builder(Meters.ESCALATIONS_WAITING, this.waiting, AtomicLong::get)
			.description("chats waiting for an officer")
			.register(meters);
	}

	/** Records the wait of a chat an officer has just claimed. */
	Mono<Void> claimed(String chatId, long claimedAt) {
		return this.store.chat(chatId).doOnNext((chat) -> {
			long queuedAt = Long.parseLong(chat.getOrDefault("queuedAt", Long.toString(claimedAt)));
			this.meters.timer(Meters.ESCALATIONS_WAIT).record(Duration.ofMillis(Math.max(0, claimedAt - queuedAt)));
		}).then();
	}

	void officerReplied() {
		this.meters.counter(Meters.OFFICER_REPLIES).increment();
	}

	void rated(String rating) {
		this.meters.counter(Meters.RATINGS, "rating", RATING_TAGS.getOrDefault(rating, rating)).increment();
	}

	/** Reads the queue length now (also used by tests). */
	Mono<Long> readQueue() {
		return this.store.queueLength().defaultIfEmpty(0L).doOnNext(this.waiting::set);
	}

	@Override
	public void start() {
		this.reading = Flux.interval(Duration.ZERO, QUEUE_READ_EVERY)
			.onBackpressureDrop()
			.concatMap((tick) -> readQueue().onErrorResume((ex) -> {
				log.debug("Could not read the hand-off queue length: " + ex.getMessage());
				return Mono.empty();
			}))
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable current = this.reading;
		if (current != null) {
			current.dispose();
		}
		this.reading = null;
	}

	@Override
	public boolean isRunning() {
		return this.reading != null;
	}

}

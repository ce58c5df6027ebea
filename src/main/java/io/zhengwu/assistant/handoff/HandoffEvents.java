package io.zhengwu.assistant.handoff;

import java.time.Duration;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.ReactiveSubscription;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live updates across instances: every change is published on the Redis channel
 * {@code zw:handoff:events}; each instance listens and hands the events to its console
 * connections, so an officer on instance B sees what arrived on instance A.
 *
 * <p>The subscription is confirmed by Redis before the web server opens its port ({@link #start()}
 * waits for it, in an early lifecycle phase), so no event published after start-up is missed. When
 * the subscription ends with an error it is made again with a backoff; a dropped connection is
 * reconnected and resubscribed by Lettuce. {@link #roundTrip(Duration)} proves that an event
 * published now comes back through this instance's subscription: the readiness check.
 */
class HandoffEvents implements SmartLifecycle {

	static final String CHANNEL = "zw:handoff:events";

	/** How long start-up waits for Redis to confirm the subscription. */
	static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(15);

	/** Started before the web server (whose phase is just below {@code Integer.MAX_VALUE}). */
	static final int PHASE = 0;

	/** The type of the readiness check's own events: never passed to consoles. */
	static final String PROBE = "probe";

	private static final Log log = LogFactory.getLog(HandoffEvents.class);

	private final ReactiveStringRedisTemplate redis;

	private final ReactiveRedisConnectionFactory connections;

	private final JsonMapper json;

	private final Duration firstRetry;

	private final Sinks.Many<HandoffEvent> local = Sinks.many().multicast().directBestEffort();

	private final Sinks.Many<HandoffEvent> probes = Sinks.many().multicast().directBestEffort();

	private volatile ReactiveRedisMessageListenerContainer listener;

	private volatile Disposable subscription;

	private volatile boolean subscribed;

	HandoffEvents(ReactiveStringRedisTemplate redis, ReactiveRedisConnectionFactory connections, JsonMapper json) {
		this(redis, connections, json, Duration.ofMillis(200));
	}

	HandoffEvents(ReactiveStringRedisTemplate redis, ReactiveRedisConnectionFactory connections, JsonMapper json,
			Duration firstRetry) {
		this.redis = redis;
		this.connections = connections;
		this.json = json;
		this.firstRetry = firstRetry;
	}

	Mono<Void> publish(String type, String chatId, String officer) {
		HandoffEvent event = new HandoffEvent(type, (chatId != null) ? chatId : "", (officer != null) ? officer : "");
		return this.redis.convertAndSend(CHANNEL, this.json.writeValueAsString(event)).then();
	}

	/** The events of all instances, from now on. */
	Flux<HandoffEvent> events() {
		return this.local.asFlux();
	}

	/** Whether Redis confirmed the subscription and it has not failed since. */
	boolean subscribed() {
		return this.subscribed;
	}

	/**
	 * Publishes a probe and completes with {@code true} when it came back through this instance's
	 * subscription within {@code timeout}, else {@code false} (the subscription or Redis is down).
	 */
	Mono<Boolean> roundTrip(Duration timeout) {
		String id = UUID.randomUUID().toString();
		Mono<Boolean> echo = this.probes.asFlux().filter((event) -> id.equals(event.chatId())).next().thenReturn(true);
		// merge subscribes to the echo before the probe is published
		return Flux.merge(echo, publish(PROBE, id, "").then(Mono.<Boolean>empty()))
			.next()
			.timeout(timeout, Mono.just(false))
			.onErrorReturn(false);
	}

	@Override
	public void start() {
		Flux<ReactiveSubscription.Message<String, String>> first = confirmed()
			.timeout(SUBSCRIBE_TIMEOUT,
					Mono.error(() -> new IllegalStateException("Redis did not confirm the subscription to " + CHANNEL
							+ " within " + SUBSCRIBE_TIMEOUT.toSeconds() + " s: is Redis reachable?")))
			.block();
		this.subscription = listen(first).subscribe(this::dispatch);
	}

	/**
	 * Subscribes on a new pub/sub connection and completes when Redis confirmed the SUBSCRIBE. A new
	 * one each time: the last may be closed for good (e.g. by a stopped connection factory).
	 */
	private Mono<Flux<ReactiveSubscription.Message<String, String>>> confirmed() {
		return Mono.defer(() -> {
			ReactiveRedisMessageListenerContainer container = new ReactiveRedisMessageListenerContainer(this.connections);
			destroy(this.listener);
			this.listener = container;
			return container.receiveLater(ChannelTopic.of(CHANNEL));
		}).doOnNext((messages) -> this.subscribed = true);
	}

	private static void destroy(ReactiveRedisMessageListenerContainer container) {
		if (container != null) {
			container.destroyLater()
				.subscribe(null, (ex) -> log.debug("Closing the previous pub/sub connection: " + ex.getMessage()));
		}
	}

	/** The messages of a confirmed subscription and, when it fails or ends, of the next one. */
	private Flux<HandoffEvent> listen(Flux<ReactiveSubscription.Message<String, String>> messages) {
		return messages.concatWith(Mono.error(() -> new IllegalStateException("the subscription ended")))
			.<HandoffEvent>handle((message, sink) -> {
				try {
					sink.next(this.json.readValue(message.getMessage(), HandoffEvent.class));
				}
				catch (JacksonException ex) {
					log.warn("Ignored a malformed hand-off event on " + CHANNEL + ": " + ex.getOriginalMessage());
				}
			})
			.onErrorResume((ex) -> {
				this.subscribed = false;
				if (this.subscription == null) {
					return Flux.empty();
				}
				log.warn("Hand-off events: the subscription to " + CHANNEL + " failed (" + ex.getMessage()
						+ "); consoles on this instance miss changes until it is made again");
				return confirmed().retryWhen(Retry.backoff(Long.MAX_VALUE, this.firstRetry)
						.maxBackoff(Duration.ofSeconds(5))
						.doBeforeRetry((retry) -> log.warn("Hand-off events: subscribing again failed ("
								+ retry.failure().getMessage() + "), attempt " + (retry.totalRetries() + 1))))
					.doOnNext((again) -> log.info("Hand-off events: subscribed to " + CHANNEL + " again"))
					.flatMapMany(this::listen);
			});
	}

	private void dispatch(HandoffEvent event) {
		if (PROBE.equals(event.type())) {
			this.probes.tryEmitNext(event);
		}
		else {
			this.local.tryEmitNext(event);
		}
	}

	@Override
	public void stop() {
		Disposable current = this.subscription;
		this.subscription = null;
		this.subscribed = false;
		if (current != null) {
			current.dispose();
		}
		ReactiveRedisMessageListenerContainer container = this.listener;
		this.listener = null;
		if (container != null) {
			container.destroy();
		}
		log.debug("Hand-off events: unsubscribed");
	}

	@Override
	public boolean isRunning() {
		return this.subscription != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}

package io.zhengwu.assistant.handoff;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live updates across instances: every change is published on the Redis channel
 * {@code zw:handoff:events}; each instance listens and hands the events to its console
 * connections, so an officer on instance B sees what arrived on instance A.
 */
class HandoffEvents implements SmartLifecycle {

	static final String CHANNEL = "zw:handoff:events";

	private static final Log log = LogFactory.getLog(HandoffEvents.class);

	private final ReactiveStringRedisTemplate redis;

	private final ReactiveRedisMessageListenerContainer listener;

	private final JsonMapper json;

	private final Sinks.Many<HandoffEvent> local = Sinks.many().multicast().directBestEffort();

	private volatile Disposable subscription;

	HandoffEvents(ReactiveStringRedisTemplate redis, ReactiveRedisMessageListenerContainer listener, JsonMapper json) {
		this.redis = redis;
		this.listener = listener;
		this.json = json;
	}

	Mono<Void> publish(String type, String chatId, String officer) {
		HandoffEvent event = new HandoffEvent(type, (chatId != null) ? chatId : "", (officer != null) ? officer : "");
		return this.redis.convertAndSend(CHANNEL, this.json.writeValueAsString(event)).then();
	}

	/** The events of all instances, from now on. */
	Flux<HandoffEvent> events() {
		return this.local.asFlux();
	}

	@Override
	public void start() {
		this.subscription = this.listener.receive(ChannelTopic.of(CHANNEL))
			.map((message) -> this.json.readValue(message.getMessage(), HandoffEvent.class))
			.doOnError((ex) -> log.warn("Hand-off events subscription failed, resubscribing: " + ex.getMessage()))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, java.time.Duration.ofMillis(200))
				.maxBackoff(java.time.Duration.ofSeconds(5)))
			.subscribe((event) -> this.local.tryEmitNext(event));
	}

	@Override
	public void stop() {
		Disposable current = this.subscription;
		if (current != null) {
			current.dispose();
		}
		this.subscription = null;
	}

	@Override
	public boolean isRunning() {
		return this.subscription != null;
	}

}

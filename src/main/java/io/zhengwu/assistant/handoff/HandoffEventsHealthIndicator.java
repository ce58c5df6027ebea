package io.zhengwu.assistant.handoff;

import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

import reactor.core.publisher.Mono;

/**
 * Health contributor {@code handoffEvents}, part of readiness: up when an event published now comes
 * back through this instance's subscription to {@code zw:handoff:events}. While the subscription is
 * down (e.g. Redis restarted and it is being made again), the consoles on this instance would miss
 * changes, so the instance is not ready.
 */
class HandoffEventsHealthIndicator implements ReactiveHealthIndicator {

	static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

	private final HandoffEvents events;

	HandoffEventsHealthIndicator(HandoffEvents events) {
		this.events = events;
	}

	@Override
	public Mono<Health> health() {
		if (!this.events.subscribed()) {
			return Mono.just(Health.down().withDetail("reason", "not subscribed to " + HandoffEvents.CHANNEL).build());
		}
		return this.events.roundTrip(PROBE_TIMEOUT)
			.map((back) -> back ? Health.up().build()
					: Health.down()
						.withDetail("reason", "an event published on " + HandoffEvents.CHANNEL + " did not come back within "
								+ PROBE_TIMEOUT.toSeconds() + " s")
						.build());
	}

}

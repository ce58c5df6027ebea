package io.zhengwu.assistant.handoff;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-off's live events on the real Redis: an instance is subscribed when its context is up,
 * so nothing published from then on is missed, and its readiness check proves the round trip.
 */
class HandoffEventsTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Test
	void anEventPublishedTheInstantTheContextIsUpReachesThatInstance() {
		for (int start = 0; start < 3; start++) {
			try (ConfigurableApplicationContext app = start()) {
				HandoffEvents events = app.getBean(HandoffEvents.class);
				assertThat(events.subscribed()).as("Redis confirmed the subscription during start-up").isTrue();
				String chatId = UUID.randomUUID().toString();
				StepVerifier.create(events.events().filter((event) -> chatId.equals(event.chatId())).next())
					.then(() -> events.publish("queued", chatId, "").block(WAIT))
					.assertNext((event) -> assertThat(event.type()).isEqualTo("queued"))
					.verifyComplete();
			}
		}
	}

	@Test
	void theReadinessCheckIsUpWhenItsProbeComesBackAndProbesNeverReachConsoles() {
		try (ConfigurableApplicationContext app = start()) {
			HandoffEvents events = app.getBean(HandoffEvents.class);
			HandoffEventsHealthIndicator health = app.getBean(HandoffEventsHealthIndicator.class);
			String marker = UUID.randomUUID().toString();
			// events on one channel arrive in order: had the probe reached consoles, it would come first
			StepVerifier.create(events.events()
				.filter((event) -> HandoffEvents.PROBE.equals(event.type()) || marker.equals(event.chatId()))
				.next())
				.then(() -> assertThat(health.health().block(WAIT).getStatus()).isEqualTo(Status.UP))
				.then(() -> events.publish("queued", marker, "").block(WAIT))
				.assertNext((event) -> assertThat(event.type()).isEqualTo("queued"))
				.verifyComplete();
		}
	}

	@Test
	void aStoppedInstanceIsNotReadyForLiveEvents() {
		HandoffEventsHealthIndicator health;
		try (ConfigurableApplicationContext app = start()) {
			health = app.getBean(HandoffEventsHealthIndicator.class);
			app.getBean(HandoffEvents.class).stop();
			assertThat(health.health().block(WAIT).getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.health().block(WAIT).getDetails()).containsEntry("reason",
					"not subscribed to zw:handoff:events");
		}
	}

	private static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(HandoffTest.App.class).web(WebApplicationType.NONE)
			.profiles("test")
			.properties("zhengwu.handoff.sweep-interval=1h", "management.endpoint.health.validate-group-membership=false")
			.run();
	}

}

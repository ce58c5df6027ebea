package io.zhengwu.assistant.handoff;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.zhengwu.assistant.knowledge.Language;

import static org.assertj.core.api.Assertions.assertThat;

class HandoffRestartTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Test
	void theQueueAndTheOfficersChatsSurviveARestartOfTheApp() {
		String waiting = "o" + UUID.randomUUID().toString().replace("-", "");
		String claimed = "o" + UUID.randomUUID().toString().replace("-", "");
		String waitingChat;
		String claimedChat;
		long position;
		try (ConfigurableApplicationContext app = start()) {
			OfficerDesk desk = app.getBean(OfficerDesk.class);
			Escalations escalations = app.getBean(Escalations.class);
			escalations.escalate(waiting, Language.ZH, EscalationReason.ASKED_FOR_PERSON, "人工").block(WAIT);
			escalations.escalate(claimed, Language.BO, EscalationReason.ASKED_FOR_PERSON, "ལས་བྱེད་པ།").block(WAIT);
			waitingChat = desk.queue().filter((c) -> c.citizen().equals(HandoffService.pseudonym(waiting))).blockFirst(WAIT).id();
			claimedChat = desk.queue().filter((c) -> c.citizen().equals(HandoffService.pseudonym(claimed))).blockFirst(WAIT).id();
			assertThat(desk.claim(claimedChat, "restart-officer").block(WAIT)).isTrue();
			position = desk.chat(waitingChat).block(WAIT).position();
		}
		try (ConfigurableApplicationContext app = start()) {
			OfficerDesk desk = app.getBean(OfficerDesk.class);
			ChatView stillWaiting = desk.chat(waitingChat).block(WAIT);
			assertThat(stillWaiting.state()).isEqualTo(ChatState.QUEUED);
			assertThat(stillWaiting.position()).isLessThanOrEqualTo(position).isPositive();
			assertThat(desk.chatsOf("restart-officer").map(ChatView::id).collectList().block(WAIT)).contains(claimedChat);
			assertThat(app.getBean(Escalations.class).takeIfHandedOff(claimed, Language.BO, "ཡག་པོ།", "text").block(WAIT))
				.as("the citizen's message still goes to the officer").isEmpty();
		}
	}

	private static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(HandoffTest.App.class).web(WebApplicationType.NONE)
			.profiles("test")
			.properties("zhengwu.handoff.sweep-interval=1h", "management.endpoint.health.validate-group-membership=false")
			.run();
	}

}

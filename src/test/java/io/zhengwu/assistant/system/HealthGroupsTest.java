package io.zhengwu.assistant.system;

import java.util.Optional;

import io.zhengwu.assistant.knowledge.KnowledgeSearch;
import io.zhengwu.assistant.knowledge.Language;
import io.zhengwu.assistant.knowledge.SearchResult;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kubernetes and compose probe two groups: liveness (the process works) and readiness (Redis
 * answers and a knowledge base is published).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("test")
class HealthGroupsTest {

	@Autowired
	WebTestClient web;

	@Test
	void livenessIsUpWithoutAskingRedisOrTheKnowledgeBase() {
		this.web.get()
			.uri("/actuator/health/liveness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components.redis")
			.doesNotExist()
			.jsonPath("$.components.knowledge")
			.doesNotExist();
	}

	@Test
	void readinessAsksRedisTheKnowledgeBaseAndTheHandOffsLiveEvents() {
		this.web.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectBody()
			.jsonPath("$.components.redis.status")
			.isEqualTo("UP")
			.jsonPath("$.components.knowledge.status")
			.exists()
			.jsonPath("$.components.handoffEvents.status")
			.isEqualTo("UP")
			.jsonPath("$.components.readinessState.status")
			.isEqualTo("UP");
	}

	@Test
	void knowledgeIsDownUntilAKnowledgeBaseIsPublished() {
		assertThat(indicator(null).health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(indicator(new Knowledge(false)).health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(indicator(new Knowledge(false)).health().getDetails()).containsEntry("reason",
				"no knowledge base published yet");
		assertThat(indicator(new Knowledge(true)).health().getStatus()).isEqualTo(Status.UP);
	}

	private static KnowledgeHealthIndicator indicator(KnowledgeSearch search) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		if (search != null) {
			beans.addBean("knowledgeSearch", search);
		}
		return new KnowledgeHealthIndicator(beans.getBeanProvider(KnowledgeSearch.class));
	}

	/** A knowledge base that is published or not; nothing is searched here. */
	private record Knowledge(boolean published) implements KnowledgeSearch {

		@Override
		public SearchResult search(String question, Language language) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Optional<String> answerText(String guideId, Language language) {
			throw new UnsupportedOperationException();
		}

		@Override
		public String choiceText(SearchResult result, Language language) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Optional<String> smallTalkReply(String text, Language language) {
			throw new UnsupportedOperationException();
		}

		@Override
		public String reply(String key, Language language, java.util.Map<String, String> values) {
			throw new UnsupportedOperationException();
		}

	}

}

package io.zhengwu.assistant.system;

import io.zhengwu.assistant.knowledge.KnowledgeSearch;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code knowledge}: up once a knowledge base is published. Part of the
 * readiness group, so a new instance gets no webhook traffic before it can answer; not part of
 * liveness, so a knowledge base that fails the checker never restarts a running instance.
 */
@Component
class KnowledgeHealthIndicator implements HealthIndicator {

	private final ObjectProvider<KnowledgeSearch> knowledge;

	KnowledgeHealthIndicator(ObjectProvider<KnowledgeSearch> knowledge) {
		this.knowledge = knowledge;
	}

	@Override
	public Health health() {
		KnowledgeSearch search = this.knowledge.getIfAvailable();
		if (search == null) {
			return Health.down().withDetail("reason", "no knowledge search in this application").build();
		}
		return search.published() ? Health.up().build()
				: Health.down().withDetail("reason", "no knowledge base published yet").build();
	}

}

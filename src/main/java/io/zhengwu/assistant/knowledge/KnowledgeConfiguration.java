package io.zhengwu.assistant.knowledge;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Publishes the knowledge folder at start-up. A knowledge base that fails the checker stops the
 * service from starting, with every problem in the message: nothing unchecked is ever published.
 */
@Configuration(proxyBeanMethods = false)
class KnowledgeConfiguration {

	@Bean
	PublishedKnowledge publishedKnowledge(KnowledgeProperties properties, PublicSite site) {
		PublishedKnowledge knowledge = new PublishedKnowledge(properties.dir(), site.publicBaseUrl(),
				properties.cachedQuestions());
		ReloadReport report = knowledge.publish();
		if (!report.published()) {
			StringBuilder message = new StringBuilder("The knowledge base in " + properties.dir().toAbsolutePath()
					+ " fails the checker and cannot be published (run: java -jar zhengwu-assistant.jar validate --knowledge "
					+ properties.dir() + "):");
			report.validation().errors().forEach((problem) -> message.append("\n  ").append(problem));
			throw new IllegalStateException(message.toString());
		}
		return knowledge;
	}

	@Bean
	KnowledgeAnswers knowledgeAnswers(PublishedKnowledge knowledge) {
		return new KnowledgeAnswers(knowledge);
	}

	@Bean(destroyMethod = "close")
	KnowledgeWatcher knowledgeWatcher(PublishedKnowledge knowledge, KnowledgeProperties properties) {
		return new KnowledgeWatcher(knowledge, properties.watchInterval());
	}

	@Bean
	KnowledgeAdministration knowledgeAdministration(PublishedKnowledge knowledge, ReactiveStringRedisTemplate redis,
			KnowledgeProperties properties) {
		return new KnowledgeAdministration(knowledge,
				new UnansweredQuestions(redis, properties.unansweredRetention(), Clock.systemUTC()));
	}

}

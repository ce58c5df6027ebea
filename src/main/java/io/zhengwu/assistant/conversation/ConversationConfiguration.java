package io.zhengwu.assistant.conversation;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The dialogue's own threads for searching the knowledge base. Searches do not share
 * {@code boundedElastic} with WxJava's blocking calls to WeChat: when WeChat is slow and late
 * answers pile up as customer-service sends, the searches that answer new questions still get a
 * thread at once.
 */
@Configuration(proxyBeanMethods = false)
class ConversationConfiguration {

	/** Searches are short and CPU-bound: a few threads per core is plenty, more only queue. */
	private static final int THREADS_PER_CORE = 2;

	@Bean(destroyMethod = "dispose")
	Scheduler knowledgeSearchScheduler() {
		return Schedulers.newBoundedElastic(THREADS_PER_CORE * Runtime.getRuntime().availableProcessors(),
				Schedulers.DEFAULT_BOUNDED_ELASTIC_QUEUESIZE, "knowledge-search");
	}

}

package io.zhengwu.assistant.wechat;

import io.zhengwu.assistant.knowledge.KnowledgeSearch;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The webhook tests' context: the app as it is (real knowledge base, the simulator's fake WeChat
 * API), with the knowledge search wrapped to count searches and to be slow or fail on demand.
 */
@TestConfiguration(proxyBeanMethods = false)
class WebhookTestConfiguration {

	@Bean
	static BeanPostProcessor observedKnowledge() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof KnowledgeSearch search && !(bean instanceof ObservedKnowledge))
						? new ObservedKnowledge(search) : bean;
			}
		};
	}

}

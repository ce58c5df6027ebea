package io.zhengwu.assistant.system;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Opens the shared Redis connections at start, not on first use. Lazily, the first blocking use
 * (WxJava's access token, on a worker thread) opens the shared connection while holding the
 * factory's lock and waits for Lettuce's event loop to connect it; if that event loop is meanwhile
 * asking the same factory for the shared reactive connection, both wait for each other until
 * Lettuce's command timeout: an instance that has just started stops answering for a minute.
 */
@Configuration(proxyBeanMethods = false)
class RedisConnections {

	@Bean
	static BeanPostProcessor eagerRedisConnections() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof LettuceConnectionFactory factory) {
					factory.setEagerInitialization(true);
				}
				return bean;
			}
		};
	}

}

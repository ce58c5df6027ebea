package io.zhengwu.assistant.system;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Opens Lettuce's shared connections (the blocking one WxJava's token store uses and the reactive
 * one) at start-up instead of on first use. Opened lazily, the blocking one is connected while the
 * factory's lock is held and waits for a Lettuce event-loop thread, which may itself be waiting
 * for that lock to get the reactive connection: a deadlock that froze every Redis call (seen when
 * an officer's reply needed a WeChat access token while the console was busy).
 */
@Configuration(proxyBeanMethods = false)
class SharedRedisConnections {

	@Bean
	static BeanPostProcessor eagerSharedRedisConnections() {
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

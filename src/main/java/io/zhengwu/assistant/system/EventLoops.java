package io.zhengwu.assistant.system;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The Netty event loops of the web server and the web clients: this application's own, not
 * Reactor Netty's global ones. Closing an application context disposes of the loops it uses; with
 * the global ones that killed the server of every other context in the JVM (two instances in one
 * test JVM, a test's second instance stopping), which then refused connections for good.
 * {@code spring.reactor.netty.shutdown-quiet-period} still applies.
 */
@Configuration(proxyBeanMethods = false)
class EventLoops {

	@Bean
	ReactorResourceFactory reactorResourceFactory(
			@Value("${spring.reactor.netty.shutdown-quiet-period:#{null}}") Duration shutdownQuietPeriod) {
		ReactorResourceFactory factory = new ReactorResourceFactory();
		factory.setUseGlobalResources(false);
		if (shutdownQuietPeriod != null) {
			factory.setShutdownQuietPeriod(shutdownQuietPeriod);
		}
		return factory;
	}

}

package io.zhengwu.assistant.wechat;

import io.zhengwu.assistant.knowledge.KnowledgeSearch;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.config.WxMpHostConfig;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * The webhook tests' context: a fixture knowledge base (wrapped to count and slow down searches)
 * and a stand-in WeChat API on the app's own port, with WxJava pointed at it.
 */
@TestConfiguration(proxyBeanMethods = false)
class WebhookTestConfiguration {

	@Bean
	KnowledgeSearch fixtureKnowledge() {
		return new FixtureKnowledge();
	}

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

	@Bean
	FakeWechatApi fakeWechatApi() {
		return new FakeWechatApi();
	}

	@Bean
	@Order(-1)
	SecurityWebFilterChain fakeWechatApiSecurity(ServerHttpSecurity http) {
		return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/cgi-bin/**"))
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.csrf((csrf) -> csrf.disable())
			.build();
	}

	@Bean
	ApplicationListener<WebServerInitializedEvent> pointWxJavaAtFakeApi(WxMpService wechat) {
		return (event) -> {
			String url = "http://127.0.0.1:" + event.getWebServer().getPort();
			((WxMpDefaultConfigImpl) wechat.getWxMpConfigStorage())
				.setHostConfig(WxMpHostConfig.builder().apiHost(url).openHost(url).mpHost(url).build());
		};
	}

}

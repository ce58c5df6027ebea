package io.zhengwu.assistant.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Who may reach what. WeChat's webhook, the guide pages and health are public (the webhook
 * authenticates WeChat by signature instead); the console needs a login with a role.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
		return http
			.authorizeExchange((exchanges) -> exchanges
				.pathMatchers("/wechat/**", "/guides/**", "/actuator/health/**", "/actuator/prometheus", "/",
						"/simulator/**", "/static/**", "/favicon.ico")
				.permitAll()
				.anyExchange()
				.authenticated())
			.csrf((csrf) -> csrf.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.build();
	}

}

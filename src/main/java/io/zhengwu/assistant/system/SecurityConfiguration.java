package io.zhengwu.assistant.system;

import java.net.URI;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerRedirectStrategy;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.authentication.HttpStatusServerEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.security.web.server.MatcherSecurityWebFilterChain;
import org.springframework.security.web.server.header.CacheControlServerHttpHeadersWriter;
import org.springframework.security.web.server.header.CompositeServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentTypeOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.security.web.server.header.StrictTransportSecurityServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XXssProtectionServerHttpHeadersWriter;

/**
 * Who may reach what. WeChat's webhook, the guide pages and health are public (the webhook
 * authenticates WeChat by signature instead); the console needs a login with a role: officers
 * the duty desk, editors the knowledge page, admins the accounts and the audit. Sessions live in
 * Redis (Spring Session), so any instance behind the load balancer serves a logged-in officer.
 * Console forms and API calls carry a CSRF token; a console API call without a session gets 401,
 * a console page a redirect to the login form.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * No Spring Security observations. Switching them off in {@code management.observations}
	 * only silences them: the chain was still decorated and built an observation context for
	 * every filter of every request (a tenth of the webhook's allocations). http.server.requests
	 * still times every request.
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * WeChat's webhook (and the benchmark's ceiling endpoint, so both are measured alike): public,
	 * authenticated by WeChat's signature, so it needs no session, security context, saved request,
	 * CSRF token or authorization rule — its chain holds only the security headers' writer, which
	 * every response still gets. Every citizen message passes here, and a chain built by
	 * {@code ServerHttpSecurity} costs several filters even with all of that switched off.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityWebFilterChain webhookFilterChain() {
		ServerHttpHeadersWriter headers = new CompositeServerHttpHeadersWriter(
				new CacheControlServerHttpHeadersWriter(), new ContentTypeOptionsServerHttpHeadersWriter(),
				new StrictTransportSecurityServerHttpHeadersWriter(), new XFrameOptionsServerHttpHeadersWriter(),
				new XXssProtectionServerHttpHeadersWriter(),
				referrerPolicy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.SAME_ORIGIN));
		return new MatcherSecurityWebFilterChain(
				ServerWebExchangeMatchers.pathMatchers("/wechat/**", "/simulator/bench/**"),
				List.of(new HttpHeaderWriterWebFilter(headers)));
	}

	private static ServerHttpHeadersWriter referrerPolicy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy policy) {
		ReferrerPolicyServerHttpHeadersWriter writer = new ReferrerPolicyServerHttpHeadersWriter();
		writer.setPolicy(policy);
		return writer;
	}

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
		DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
				new DelegatingServerAuthenticationEntryPoint.DelegateEntry(
						ServerWebExchangeMatchers.pathMatchers("/console/api/**"),
						new HttpStatusServerEntryPoint(HttpStatus.UNAUTHORIZED)));
		entryPoint.setDefaultEntryPoint(new RedirectServerAuthenticationEntryPoint("/console/login"));
		ServerRedirectStrategy redirect = new DefaultServerRedirectStrategy();
		return http
			.authorizeExchange((exchanges) -> exchanges
				.pathMatchers("/wechat/**", "/guides/**", "/actuator/health/**", "/actuator/prometheus", "/",
						"/simulator/**", "/static/**", "/favicon.ico")
				.permitAll()
				.pathMatchers("/console/login", "/console/assets/**")
				.permitAll()
				.pathMatchers("/console/admin/**", "/console/api/admin/**", "/console/admin.html")
				.hasRole("ADMIN")
				.pathMatchers("/console/editor/**", "/console/api/editor/**", "/console/editor.html")
				.hasAnyRole("EDITOR", "ADMIN")
				.pathMatchers("/console/api/me", "/console/logout")
				.authenticated()
				.pathMatchers("/console", "/console/**")
				.hasAnyRole("OFFICER", "ADMIN")
				.anyExchange()
				.authenticated())
			// CSRF protects the console's forms and API; the webhook is authenticated by WeChat's signature
			.csrf((csrf) -> csrf.requireCsrfProtectionMatcher(new AndServerWebExchangeMatcher(
					ServerWebExchangeMatchers.pathMatchers("/console/**"), CsrfWebFilter.DEFAULT_CSRF_MATCHER)))
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.loginPage("/console/login")
				.authenticationEntryPoint(entryPoint)
				.authenticationSuccessHandler((webFilterExchange, authentication) -> redirect.sendRedirect(
						webFilterExchange.getExchange(), URI.create(home(authentication))))
				.authenticationFailureHandler((webFilterExchange, exception) -> redirect.sendRedirect(
						webFilterExchange.getExchange(),
						URI.create((exception instanceof LockedException) ? "/console/login?locked" : "/console/login?error"))))
			.logout((logout) -> logout.requiresLogout(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/console/logout"))
				.logoutSuccessHandler(logoutSuccess()))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint))
			.headers((headers) -> headers.referrerPolicy((referrer) -> referrer
				.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.SAME_ORIGIN)))
			.build();
	}

	/** Where a login lands: the duty desk, or the knowledge page for an editor who is no officer. */
	private static String home(Authentication authentication) {
		boolean desk = authentication.getAuthorities()
			.stream()
			.anyMatch((a) -> a.getAuthority().equals("ROLE_OFFICER") || a.getAuthority().equals("ROLE_ADMIN"));
		return desk ? "/console/" : "/console/editor";
	}

	private static RedirectServerLogoutSuccessHandler logoutSuccess() {
		RedirectServerLogoutSuccessHandler handler = new RedirectServerLogoutSuccessHandler();
		handler.setLogoutSuccessUrl(URI.create("/console/login?logout"));
		return handler;
	}

}

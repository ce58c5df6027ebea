package io.zhengwu.assistant.console;

import java.nio.charset.StandardCharsets;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;

import reactor.core.publisher.Mono;

/**
 * The console's pages: plain HTML, CSS and JavaScript from the jar (no CDN, so it works on an
 * office PC without internet access). Only the login page is rendered here, to carry the CSRF
 * token; the others fetch their data from the JSON API.
 */
@Configuration(proxyBeanMethods = false)
class ConsolePages {

	private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

	@Bean
	RouterFunction<ServerResponse> consoleRoutes() {
		return RouterFunctions.route()
			.GET("/console/login", ConsolePages::login)
			.GET("/console", (request) -> page("console/desk.html"))
			.GET("/console/", (request) -> page("console/desk.html"))
			.GET("/console/admin", (request) -> page("console/admin.html"))
			.GET("/console/editor", (request) -> page("console/editor.html"))
			.GET("/console/assets/{file}", ConsolePages::asset)
			.build();
	}

	private static Mono<ServerResponse> page(String path) {
		return ServerResponse.ok()
			.contentType(HTML)
			.cacheControl(CacheControl.noStore())
			.bodyValue(new ClassPathResource(path));
	}

	private static Mono<ServerResponse> asset(ServerRequest request) {
		String file = request.pathVariable("file");
		if (!file.matches("[a-z0-9-]+\\.(css|js)")) {
			return ServerResponse.notFound().build();
		}
		ClassPathResource resource = new ClassPathResource("console/assets/" + file);
		if (!resource.exists()) {
			return ServerResponse.notFound().build();
		}
		MediaType type = file.endsWith(".css") ? new MediaType("text", "css", StandardCharsets.UTF_8)
				: new MediaType("text", "javascript", StandardCharsets.UTF_8);
		return ServerResponse.ok().contentType(type).cacheControl(CacheControl.noCache()).bodyValue(resource);
	}

	private static Mono<ServerResponse> login(ServerRequest request) {
		Mono<CsrfToken> token = request.exchange().getAttribute(CsrfToken.class.getName());
		String notice = request.queryParam("error").isPresent() ? "用户名或密码不对。"
				: request.queryParam("locked").isPresent() ? "登录失败次数太多，账号已暂时锁定，请稍后再试。"
						: request.queryParam("logout").isPresent() ? "已退出。" : "";
		return ((token != null) ? token : Mono.<CsrfToken>empty())
			.map((csrf) -> loginHtml(csrf.getParameterName(), csrf.getToken(), notice))
			.defaultIfEmpty(loginHtml("_csrf", "", notice))
			.flatMap((html) -> ServerResponse.ok().contentType(HTML).cacheControl(CacheControl.noStore()).bodyValue(html));
	}

	private static String loginHtml(String csrfName, String csrfToken, String notice) {
		return """
				<!DOCTYPE html>
				<html lang="zh-CN">
				<head>
				<meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<title>登录 · 政务助手值班台</title>
				<link rel="stylesheet" href="/console/assets/console.css">
				</head>
				<body class="login">
				<form method="post" action="/console/login" class="login-box">
				<h1>政务助手值班台 <span lang="bo">ལས་འཁུར་སྒེའུ་ཁུང་།</span></h1>
				<p class="notice" role="alert">%s</p>
				<label>用户名 <input name="username" autocomplete="username" required autofocus></label>
				<label>密码 <input name="password" type="password" autocomplete="current-password" required></label>
				<input type="hidden" name="%s" value="%s">
				<button type="submit">登录</button>
				</form>
				</body>
				</html>
				""".formatted(HtmlUtils.htmlEscape(notice), HtmlUtils.htmlEscape(csrfName), HtmlUtils.htmlEscape(csrfToken));
	}

}

package io.zhengwu.assistant.knowledge;

import java.time.Duration;
import java.util.Optional;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;

/**
 * Serves {@code /guides/{id}?lang=zh|bo}: the full guide linked from every answer. Rendered from
 * the published knowledge base in memory (no I/O), so it runs on the event loop.
 */
@Configuration(proxyBeanMethods = false)
class GuidePages {

	private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

	@Bean
	RouterFunction<ServerResponse> guidePageRoutes(PublishedKnowledge knowledge) {
		return RouterFunctions.route().GET("/guides/{id}", (request) -> page(knowledge, request)).build();
	}

	private static Mono<ServerResponse> page(PublishedKnowledge knowledge, ServerRequest request) {
		Language language = language(request);
		Optional<Guide> guide = knowledge.guide(request.pathVariable("id"));
		if (guide.isEmpty()) {
			return ServerResponse.status(HttpStatus.NOT_FOUND).contentType(HTML).bodyValue(GuidePage.notFound(language));
		}
		String html = GuidePage.render(guide.get(), language, knowledge.publication().base().guides());
		return ServerResponse.ok()
			.contentType(HTML)
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
			.bodyValue(html);
	}

	/** {@code ?lang=bo} for Tibetan; Chinese otherwise (also for an unknown code). */
	private static Language language(ServerRequest request) {
		return request.queryParam("lang").filter("bo"::equalsIgnoreCase).map((code) -> Language.BO).orElse(Language.ZH);
	}

}

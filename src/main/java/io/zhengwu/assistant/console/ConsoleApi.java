package io.zhengwu.assistant.console;

import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.zhengwu.assistant.handoff.ChatView;
import io.zhengwu.assistant.handoff.DeskStatus;
import io.zhengwu.assistant.handoff.HandoffEvent;
import io.zhengwu.assistant.handoff.OfficerDesk;
import io.zhengwu.assistant.handoff.TranscriptEntry;
import io.zhengwu.assistant.knowledge.KnowledgeSearch;
import io.zhengwu.assistant.knowledge.Language;
import io.zhengwu.assistant.knowledge.SearchResult;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The duty desk's JSON API and live updates. The officer is always the logged-in account: an
 * officer cannot act in another's name.
 */
@RestController
@RequestMapping("/console/api")
class ConsoleApi {

	private final OfficerDesk desk;

	private final KnowledgeSearch knowledge;

	ConsoleApi(OfficerDesk desk, KnowledgeSearch knowledge) {
		this.desk = desk;
		this.knowledge = knowledge;
	}

	/** Who is logged in, with the CSRF token the page sends back with each change. */
	@GetMapping("/me")
	Mono<Me> me(Authentication authentication, ServerWebExchange exchange) {
		Mono<CsrfToken> csrf = exchange.getAttribute(CsrfToken.class.getName());
		List<String> roles = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.map((role) -> role.replaceFirst("^ROLE_", ""))
			.sorted()
			.toList();
		return ((csrf != null) ? csrf : Mono.<CsrfToken>empty())
			.map((token) -> new Me(authentication.getName(), roles, token.getHeaderName(), token.getToken()))
			.defaultIfEmpty(new Me(authentication.getName(), roles, "", ""));
	}

	@GetMapping("/status")
	Mono<DeskStatus> status(Principal officer) {
		return this.desk.status(officer.getName());
	}

	@GetMapping("/queue")
	Flux<ChatView> queue() {
		return this.desk.queue();
	}

	@GetMapping("/mine")
	Flux<ChatView> mine(Principal officer) {
		return this.desk.chatsOf(officer.getName());
	}

	@GetMapping("/follow-ups")
	Flux<ChatView> followUps() {
		return this.desk.followUps();
	}

	@GetMapping("/closed")
	Flux<ChatView> closed() {
		return this.desk.recentlyClosed(30);
	}

	@GetMapping("/chats/{id}")
	Mono<ChatDetail> chat(@PathVariable String id) {
		return this.desk.chat(id)
			.switchIfEmpty(Mono.error(new ChatNotFoundException()))
			.zipWith(this.desk.transcript(id).collectList(), ChatDetail::new);
	}

	/**
	 * Guide answers the officer may insert with one click: a search for {@code q}, or by default
	 * for the citizen's last words.
	 */
	@GetMapping("/chats/{id}/suggestions")
	Mono<List<Suggestion>> suggestions(@PathVariable String id, @RequestParam(required = false) String q) {
		return this.desk.chat(id)
			.switchIfEmpty(Mono.error(new ChatNotFoundException()))
			.flatMap((chat) -> {
				Language language = Language.fromCode(chat.language());
				Mono<String> question = (q != null && !q.isBlank()) ? Mono.just(q)
						: this.desk.transcript(id)
							.filter((line) -> line.from().equals("citizen") && !line.text().startsWith("["))
							.map(TranscriptEntry::text)
							.last("");
				return question.filter((text) -> !text.isBlank())
					.flatMap((text) -> Mono.fromCallable(() -> suggest(text, language))
						.subscribeOn(Schedulers.boundedElastic()))
					.defaultIfEmpty(List.of());
			});
	}

	private List<Suggestion> suggest(String question, Language language) {
		SearchResult result = this.knowledge.search(question, language);
		List<Suggestion> suggestions = new ArrayList<>();
		for (SearchResult.Hit hit : result.hits().subList(0, Math.min(3, result.hits().size()))) {
			this.knowledge.answerText(hit.guideId(), language)
				.ifPresent((text) -> suggestions.add(new Suggestion(hit.guideId(), hit.title(), text)));
		}
		return suggestions;
	}

	@PostMapping("/chats/{id}/claim")
	Mono<Map<String, Boolean>> claim(@PathVariable String id, Principal officer) {
		return this.desk.claim(id, officer.getName()).map((won) -> Map.of("claimed", won));
	}

	@PostMapping("/chats/{id}/release")
	Mono<Void> release(@PathVariable String id, Principal officer) {
		return this.desk.release(id, officer.getName());
	}

	@PostMapping("/chats/{id}/transfer")
	Mono<Void> transfer(@PathVariable String id, @Valid @RequestBody Transfer transfer, Principal officer) {
		return this.desk.transfer(id, officer.getName(), transfer.to());
	}

	@PostMapping("/chats/{id}/reply")
	Mono<TranscriptEntry> reply(@PathVariable String id, @Valid @RequestBody Reply reply, Principal officer) {
		return this.desk.reply(id, officer.getName(), reply.text());
	}

	@PostMapping("/chats/{id}/close")
	Mono<Void> close(@PathVariable String id, @Valid @RequestBody Close close, Principal officer) {
		return this.desk.close(id, officer.getName(), close.outcome());
	}

	@PostMapping("/chats/{id}/follow-up")
	Mono<Void> followUp(@PathVariable String id, @RequestBody(required = false) FollowUp followUp,
			Principal officer) {
		return this.desk.markFollowUp(id, officer.getName(), (followUp != null) ? followUp.why() : "");
	}

	@PostMapping("/chats/{id}/followed-up")
	Mono<Void> followedUp(@PathVariable String id, Principal officer) {
		return this.desk.clearFollowUp(id, officer.getName());
	}

	@PostMapping("/availability")
	Mono<Void> availability(@RequestBody Availability availability, Principal officer) {
		return this.desk.setAvailable(officer.getName(), availability.available());
	}

	/** Live updates from every instance, with a heartbeat that keeps proxies from closing the stream. */
	@GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<HandoffEvent>> events() {
		Flux<ServerSentEvent<HandoffEvent>> changes = this.desk.events()
			.map((event) -> ServerSentEvent.builder(event).event("change").build());
		Flux<ServerSentEvent<HandoffEvent>> heartbeat = Flux.interval(Duration.ofSeconds(20))
			.map((tick) -> ServerSentEvent.<HandoffEvent>builder().comment("heartbeat").build());
		return Flux.merge(Flux.just(ServerSentEvent.<HandoffEvent>builder().event("hello").comment("connected").build()),
				changes, heartbeat);
	}

	record Me(String username, List<String> roles, String csrfHeader, String csrfToken) {
	}

	record ChatDetail(ChatView chat, List<TranscriptEntry> transcript) {
	}

	record Suggestion(String guideId, String title, String text) {
	}

	record Transfer(@NotBlank String to) {
	}

	record Reply(@NotBlank @Size(max = 600) String text) {
	}

	record Close(@Size(max = 200) String outcome) {
	}

	record FollowUp(@Size(max = 200) String why) {
	}

	record Availability(boolean available) {
	}

}

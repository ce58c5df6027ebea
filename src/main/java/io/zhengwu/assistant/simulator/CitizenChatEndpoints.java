package io.zhengwu.assistant.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The citizen chat page at {@code /} and what it calls: {@code send} pushes what the citizen types
 * or taps to the real webhook through {@link WebhookDelivery}; {@code events} streams the
 * customer-service messages the fake WeChat API accepts for that citizen (Server-Sent Events).
 */
@RestController
@ConditionalOnSimulator
class CitizenChatEndpoints {

	private static final Pattern OPEN_ID = Pattern.compile("[A-Za-z0-9_-]{6,64}");

	private static final Set<String> EVENTS = Set.of("subscribe", "unsubscribe", "CLICK", "VIEW");

	private static final Map<String, MediaType> ASSETS = Map.of("chat.css", new MediaType("text", "css"), "chat.js",
			new MediaType("text", "javascript"));

	/** More than a citizen would type into WeChat's box, far less than the webhook's 64 KiB limit. */
	private static final int MAX_TEXT = 4000;

	private final WebhookDelivery delivery;

	private final FakeWechatApi api;

	private final SimulatedMenu menu;

	private final SimulatedAccount account;

	private final JsonMapper json;

	CitizenChatEndpoints(WebhookDelivery delivery, FakeWechatApi api, SimulatedMenu menu, SimulatedAccount account,
			JsonMapper json) {
		this.delivery = delivery;
		this.api = api;
		this.menu = menu;
		this.account = account;
		this.json = json;
	}

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<Resource> page() {
		return asset("chat.html", MediaType.TEXT_HTML);
	}

	@GetMapping("/simulator/assets/{name}")
	ResponseEntity<Resource> assets(@PathVariable String name) {
		MediaType type = ASSETS.get(name);
		if (type == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return asset(name, type);
	}

	@GetMapping("/simulator/chat/config")
	Mono<Map<String, Object>> config() {
		return Mono.fromCallable(this.menu::json)
			.subscribeOn(Schedulers.boundedElastic())
			.map((menuJson) -> Map.of("safeModeAvailable", this.account.encrypted(), "menu",
					this.json.readTree(menuJson)));
	}

	@PostMapping("/simulator/chat/send")
	Mono<ChatAnswer> send(@RequestBody ChatRequest request) {
		return this.delivery.push(request.toMessage(), request.encrypted() && this.account.encrypted())
			.map(ChatAnswer::of);
	}

	@GetMapping(path = "/simulator/chat/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<Object>> events(@RequestParam String openId) {
		checkOpenId(openId);
		Flux<ServerSentEvent<Object>> pushes = this.api.pushes(openId)
			.map((push) -> (push.message() != null)
					? ServerSentEvent.builder((Object) Map.of("msgType", push.message().msgType(), "text",
							push.message().text(), "json", push.message().json())).event("message").build()
					: ServerSentEvent.builder((Object) Map.of("typing", push.typing())).event("typing").build());
		// A comment now and then keeps proxies and the browser from closing an idle stream.
		Flux<ServerSentEvent<Object>> keepAlive = Flux.interval(Duration.ofSeconds(15))
			.map((tick) -> ServerSentEvent.builder().comment("keep-alive").build());
		// Subscribed to the pushes first, then the comment opens the stream: once the browser sees
		// the stream open, no message for this citizen can be missed.
		return Flux.merge(pushes, keepAlive, Flux.just(ServerSentEvent.builder().comment("open").build()));
	}

	private static ResponseEntity<Resource> asset(String name, MediaType type) {
		return ResponseEntity.ok()
			.contentType(type)
			.cacheControl(CacheControl.noCache())
			.header("X-Content-Type-Options", "nosniff")
			.body(new ClassPathResource("simulator/" + name));
	}

	static void checkOpenId(String openId) {
		if (openId == null || !OPEN_ID.matcher(openId).matches()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "openId must be 6-64 letters, digits, _ or -");
		}
	}

	/**
	 * What the page sends: a text ({@code text}, with {@code bizMsgMenuId} when a choice was
	 * tapped) or an event ({@code event}, {@code eventKey}).
	 */
	record ChatRequest(String openId, String text, String bizMsgMenuId, String event, String eventKey,
			boolean encrypted) {

		CitizenMessage toMessage() {
			checkOpenId(this.openId);
			if (this.event != null && !this.event.isEmpty()) {
				if (!EVENTS.contains(this.event)) {
					throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "event must be one of " + EVENTS);
				}
				String key = (this.eventKey != null) ? this.eventKey : "";
				if (key.length() > 1024) {
					throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "eventKey is too long");
				}
				return CitizenMessage.event(this.openId, this.event, key);
			}
			if (this.text == null || this.text.isBlank() || this.text.length() > MAX_TEXT) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
						"text must be 1-" + MAX_TEXT + " characters");
			}
			if (this.bizMsgMenuId != null && !this.bizMsgMenuId.isEmpty()) {
				if (this.bizMsgMenuId.length() > 64) {
					throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "bizMsgMenuId is too long");
				}
				return CitizenMessage.choice(this.openId, this.text, this.bizMsgMenuId);
			}
			return CitizenMessage.text(this.openId, this.text);
		}

	}

	/** What the page shows: the reply, or why WeChat would show "service unavailable". */
	record ChatAnswer(boolean accepted, Delivery.Reply reply, List<String> problems, int status, int attempts,
			long elapsedMillis) {

		static ChatAnswer of(Delivery delivery) {
			return new ChatAnswer(delivery.accepted(), delivery.reply(), delivery.problems(), delivery.status(),
					delivery.attempts(), delivery.elapsedMillis());
		}

	}

}

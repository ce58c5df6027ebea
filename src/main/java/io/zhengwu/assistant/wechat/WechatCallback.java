package io.zhengwu.assistant.wechat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.zhengwu.assistant.system.Meters;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;

/**
 * The webhook WeChat calls, {@link #PATH}: GET to verify the URL (echo {@code echostr}), POST to
 * push a message or event. It only verifies and hands over; refusals are answered here, the WeChat
 * way (a status and an empty body), never with a detail a caller could learn from.
 *
 * <p>A functional endpoint ({@link #routes()}) rather than an annotated controller: every citizen
 * message comes through here, and a route with its handler skips the annotation machinery
 * (argument resolvers, content negotiation) that costs more than our own checks.
 */
@Component
class WechatCallback {

	static final String PATH = "/wechat/callback";

	private static final Log log = LogFactory.getLog(WechatCallback.class);

	private static final MediaType XML = new MediaType("application", "xml", StandardCharsets.UTF_8);

	private final WebhookGate gate;

	private final MessageDispatch dispatch;

	private final Timer messageLatency;

	private final Timer eventLatency;

	WechatCallback(WebhookGate gate, MessageDispatch dispatch, MeterRegistry meters) {
		this.gate = gate;
		this.dispatch = dispatch;
		this.messageLatency = meters.timer(Meters.WEBHOOK_LATENCY, "kind", "message");
		this.eventLatency = meters.timer(Meters.WEBHOOK_LATENCY, "kind", "event");
	}

	/** GET and POST on {@link #PATH}. */
	RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.GET(PATH, (request) -> Mono.defer(() -> verifyUrl(request)))
			.POST(PATH, (request) -> Mono.defer(() -> receive(request)))
			.onError(WebhookRejection.class, (ex, request) -> refused((WebhookRejection) ex))
			.build();
	}

	private Mono<ServerResponse> verifyUrl(ServerRequest request) {
		Map<String, String> query = query(request);
		this.gate.verify(query.get("signature"), query.get("timestamp"), query.get("nonce"));
		String echo = query.get("echostr");
		return ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue((echo != null) ? echo : "");
	}

	private Mono<ServerResponse> receive(ServerRequest request) {
		Map<String, String> query = query(request);
		WebhookGate.Params params = new WebhookGate.Params(query.get("signature"), query.get("timestamp"),
				query.get("nonce"), query.get("encrypt_type"), query.get("msg_signature"));
		long received = System.nanoTime();
		return this.gate.open(request.exchange().getRequest(), params)
			.flatMap((inbound) -> this.dispatch.reply(inbound.message())
				.map((xml) -> this.gate.seal(xml, inbound))
				.doOnSuccess((body) -> replied(inbound.message(), received)))
			.flatMap((body) -> ServerResponse.ok()
				.contentType(WebhookReplies.SUCCESS.equals(body) ? MediaType.TEXT_PLAIN : XML)
				.bodyValue(body));
	}

	/**
	 * The query parameters, each name's first value. Read from the raw query here rather than by
	 * the framework's general parser (a regular expression and a decode per parameter): WeChat's
	 * parameters are digits and letters, decoded only when they hold an escape.
	 */
	private static Map<String, String> query(ServerRequest request) {
		return query(request.uri().getRawQuery());
	}

	static Map<String, String> query(String raw) {
		Map<String, String> parameters = new HashMap<>(8);
		if (raw == null) {
			return parameters;
		}
		int start = 0;
		while (start <= raw.length()) {
			int end = raw.indexOf('&', start);
			if (end < 0) {
				end = raw.length();
			}
			int equals = raw.indexOf('=', start);
			if (end > start) {
				boolean valued = equals >= 0 && equals < end;
				String name = decode(raw.substring(start, valued ? equals : end));
				String value = valued ? decode(raw.substring(equals + 1, end)) : "";
				parameters.putIfAbsent(name, value);
			}
			start = end + 1;
		}
		return parameters;
	}

	private static String decode(String text) {
		if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
			return text;
		}
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw WebhookRejection.badRequest("malformed query");
		}
	}

	/** Times a reply to WeChat ({@code zw.webhook.latency}); refused calls are not WeChat's and not timed. */
	private void replied(WechatMessage message, long received) {
		Timer timer = "event".equals(message.msgType()) ? this.eventLatency : this.messageLatency;
		timer.record(System.nanoTime() - received, TimeUnit.NANOSECONDS);
	}

	private Mono<ServerResponse> refused(WebhookRejection rejection) {
		log.info("Refused a webhook request (" + rejection.status().value() + "): " + rejection.getMessage());
		return ServerResponse.status(rejection.status()).contentType(MediaType.TEXT_PLAIN).bodyValue("");
	}

}

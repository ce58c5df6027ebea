package io.zhengwu.assistant.wechat;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.zhengwu.assistant.system.Meters;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * The webhook WeChat calls, {@code /wechat/callback}: GET to verify the URL (echo {@code echostr}),
 * POST to push a message or event. It only verifies and hands over; refusals are answered here, the
 * WeChat way (a status and an empty body), never with a detail a caller could learn from.
 */
@RestController
@RequestMapping("/wechat/callback")
class WechatCallback {

	private static final Log log = LogFactory.getLog(WechatCallback.class);

	private static final MediaType XML = new MediaType("application", "xml", java.nio.charset.StandardCharsets.UTF_8);

	private final WebhookGate gate;

	private final MessageDispatch dispatch;

	private final MeterRegistry meters;

	WechatCallback(WebhookGate gate, MessageDispatch dispatch, MeterRegistry meters) {
		this.gate = gate;
		this.dispatch = dispatch;
		this.meters = meters;
	}

	@GetMapping(produces = MediaType.TEXT_PLAIN_VALUE)
	ResponseEntity<String> verifyUrl(@RequestParam(required = false) String signature,
			@RequestParam(required = false) String timestamp, @RequestParam(required = false) String nonce,
			@RequestParam(required = false) String echostr) {
		this.gate.verify(signature, timestamp, nonce);
		return ResponseEntity.ok((echostr != null) ? echostr : "");
	}

	@PostMapping
	Mono<ResponseEntity<String>> receive(@RequestParam(required = false) String signature,
			@RequestParam(required = false) String timestamp, @RequestParam(required = false) String nonce,
			@RequestParam(name = "encrypt_type", required = false) String encryptType,
			@RequestParam(name = "msg_signature", required = false) String msgSignature, ServerHttpRequest request) {
		WebhookGate.Params params = new WebhookGate.Params(signature, timestamp, nonce, encryptType, msgSignature);
		long received = System.nanoTime();
		return this.gate.open(request, params)
			.flatMap((inbound) -> this.dispatch.reply(inbound.message())
				.map((xml) -> this.gate.seal(xml, inbound))
				.doOnSuccess((body) -> replied(inbound.message(), received)))
			.map((body) -> ResponseEntity.ok()
				.contentType(WebhookReplies.SUCCESS.equals(body) ? MediaType.TEXT_PLAIN : XML)
				.body(body));
	}

	/** Times a reply to WeChat ({@code zw.webhook.latency}); refused calls are not WeChat's and not timed. */
	private void replied(WechatMessage message, long received) {
		String kind = "event".equals(message.msgType()) ? "event" : "message";
		this.meters.timer(Meters.WEBHOOK_LATENCY, "kind", kind).record(System.nanoTime() - received, TimeUnit.NANOSECONDS);
	}

	@ExceptionHandler
	ResponseEntity<String> refused(WebhookRejection rejection) {
		log.info("Refused a webhook request (" + rejection.status().value() + "): " + rejection.getMessage());
		return ResponseEntity.status(rejection.status()).contentType(MediaType.TEXT_PLAIN).body("");
	}

}

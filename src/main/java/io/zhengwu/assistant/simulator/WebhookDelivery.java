package io.zhengwu.assistant.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.util.UriComponentsBuilder;

import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Pushes a citizen's message to the real webhook over HTTP exactly as WeChat's servers do: the
 * XML WeChat writes, the query parameters it adds ({@code signature}, {@code timestamp},
 * {@code nonce}, {@code openid}, and in safe mode {@code encrypt_type=aes} and
 * {@code msg_signature}), the body encrypted in safe mode, a 5-second wait and up to two retries
 * of the same message. The answer is checked as WeChat checks it (signature, decryption, AppID,
 * addressee, text size) and returned with what the citizen would see.
 *
 * <p>Other features' tests may use it to talk to the webhook as a citizen would.
 */
public final class WebhookDelivery {

	/** How long WeChat waits for the webhook before retrying. */
	static final Duration WECHAT_WAIT = Duration.ofSeconds(5);

	/** WeChat's limit for a text reply, in UTF-8 bytes; a longer one is not shown. */
	static final int MAX_TEXT_BYTES = 2048;

	private final WebClient webClient;

	private final SimulatedAccount account;

	private final LocalServer server;

	private final Duration wait;

	WebhookDelivery(SimulatedAccount account, LocalServer server) {
		this(account, server, WECHAT_WAIT);
	}

	WebhookDelivery(SimulatedAccount account, LocalServer server, Duration wait) {
		// Its own client: a loopback stand-in for WeChat's servers needs none of the app's customisations.
		this.webClient = WebClient.create();
		this.account = account;
		this.server = server;
		this.wait = wait;
	}

	/**
	 * Pushes one message, in safe mode when {@code encrypted} (the account must have an
	 * EncodingAESKey), and completes with what came back. Never fails: problems are in the result.
	 */
	public Mono<Delivery> push(CitizenMessage message, boolean encrypted) {
		if (encrypted && !this.account.encrypted()) {
			throw new IllegalStateException("safe mode needs an EncodingAESKey (WECHAT_AES_KEY)");
		}
		String xml = message.toXml(this.account.originalId());
		WechatSideCrypto crypto = encrypted ? new WechatSideCrypto(this.account.aesKey(), this.account.appId()) : null;
		String encrypt = encrypted ? crypto.encrypt(xml) : null;
		String body = encrypted ? WechatXml.write(fields("ToUserName", this.account.originalId(), "Encrypt", encrypt))
				: xml;
		AtomicInteger attempts = new AtomicInteger();
		long start = System.nanoTime();
		return Mono.defer(() -> {
			attempts.incrementAndGet();
			return post(message.openId(), body, encrypt);
		})
			.timeout(this.wait)
			.retryWhen(Retry.max(2).filter(TimeoutException.class::isInstance))
			.map((answer) -> check(answer, message, crypto, attempts.get(), millisSince(start)))
			.onErrorResume((ex) -> Mono.just(new Delivery(0, attempts.get(), millisSince(start), null,
					List.of(describe(ex, this.wait)))));
	}

	private Mono<Answer> post(String openId, String body, String encrypt) {
		String timestamp = Long.toString(System.currentTimeMillis() / 1000);
		String nonce = Long.toString(ThreadLocalRandom.current().nextLong(100_000_000L, 10_000_000_000L));
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(this.server.url("/wechat/callback"))
			.queryParam("signature", WechatSideCrypto.signature(this.account.token(), timestamp, nonce))
			.queryParam("timestamp", timestamp)
			.queryParam("nonce", nonce)
			.queryParam("openid", openId);
		if (encrypt != null) {
			uri.queryParam("encrypt_type", "aes")
				.queryParam("msg_signature", WechatSideCrypto.signature(this.account.token(), timestamp, nonce, encrypt));
		}
		return this.webClient.post()
			.uri(uri.encode().build().toUri())
			.contentType(MediaType.TEXT_XML)
			.bodyValue(body)
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((text) -> new Answer(response.statusCode().value(), text)));
	}

	private Delivery check(Answer answer, CitizenMessage message, WechatSideCrypto crypto, int attempts,
			long elapsed) {
		List<String> problems = new ArrayList<>();
		Delivery.Reply reply = null;
		String body = answer.body().strip();
		if (answer.status() != 200) {
			problems.add("the webhook answered HTTP " + answer.status());
		}
		else if (!body.isEmpty() && !"success".equals(body)) {
			try {
				WechatXml.Parsed parsed = WechatXml.read((crypto != null) ? open(body, crypto) : body);
				reply = new Delivery.Reply(parsed.field("MsgType"), parsed.field("Content"), parsed.articles());
				addressProblems(parsed, message, problems);
				int bytes = reply.content().getBytes(StandardCharsets.UTF_8).length;
				if (bytes > MAX_TEXT_BYTES) {
					problems.add("the text reply is " + bytes + " bytes; WeChat shows none over " + MAX_TEXT_BYTES);
				}
			}
			catch (IllegalArgumentException ex) {
				problems.add(ex.getMessage());
			}
		}
		return new Delivery(answer.status(), attempts, elapsed, reply, problems);
	}

	/** Verifies and decrypts a safe-mode reply. */
	private String open(String body, WechatSideCrypto crypto) {
		WechatXml.Parsed sealed = WechatXml.read(body);
		String encrypted = sealed.field("Encrypt");
		if (encrypted.isEmpty()) {
			throw new IllegalArgumentException("the reply to an encrypted message is not encrypted");
		}
		String expected = WechatSideCrypto.signature(this.account.token(), sealed.field("TimeStamp"),
				sealed.field("Nonce"), encrypted);
		if (!WechatSideCrypto.sameSignature(expected, sealed.field("MsgSignature"))) {
			throw new IllegalArgumentException("the reply's MsgSignature is wrong");
		}
		return crypto.decrypt(encrypted);
	}

	private void addressProblems(WechatXml.Parsed reply, CitizenMessage message, List<String> problems) {
		if (!message.openId().equals(reply.field("ToUserName"))) {
			problems.add("the reply's ToUserName is not the citizen's openid");
		}
		if (!this.account.originalId().equals(reply.field("FromUserName"))) {
			problems.add("the reply's FromUserName is not the account's ToUserName");
		}
		if (reply.field("MsgType").isEmpty()) {
			problems.add("the reply has no MsgType");
		}
	}

	private static String describe(Throwable ex, Duration wait) {
		if (ex instanceof TimeoutException) {
			return "no answer within " + wait.toMillis() + " ms, three times";
		}
		if (ex instanceof WebClientRequestException) {
			return "the webhook could not be reached: " + ex.getMessage();
		}
		return "the push failed: " + ex;
	}

	private static long millisSince(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}

	private record Answer(int status, String body) {
	}

	/** Fields in the order given, as WeChat writes them. */
	private static Map<String, Object> fields(Object... namesAndValues) {
		Map<String, Object> fields = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return fields;
	}

}

package io.zhengwu.assistant.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A citizen writing to the real webhook of an instance, signed as WeChat signs (plaintext mode). */
public final class WechatCitizen {

	private static final AtomicLong msgIds = new AtomicLong(System.currentTimeMillis() * 1000);

	public final String openId = "o" + UUID.randomUUID().toString().replace("-", "").substring(0, 27);

	private final String token;

	public WechatCitizen(String token) {
		this.token = token;
	}

	/** Sends a text to the instance at {@code baseUrl}; returns the passive reply's XML (or "success"). */
	public String say(String baseUrl, String text) {
		return say(baseUrl, text, nextMsgId());
	}

	/** Sends a text with the given MsgId: the same id again is WeChat's retry of that message. */
	String say(String baseUrl, String text, long msgId) {
		return push(baseUrl, "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + text + "]]></Content><MsgId>"
				+ msgId + "</MsgId>");
	}

	/** Sends an event ({@code subscribe}, {@code unsubscribe}, …) as WeChat pushes it. */
	String event(String baseUrl, String event) {
		return push(baseUrl, "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[" + event + "]]></Event>");
	}

	/** Taps a menu item of the account: the CLICK event with its key. */
	String click(String baseUrl, String eventKey) {
		return push(baseUrl, "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event><EventKey><![CDATA["
				+ eventKey + "]]></EventKey>");
	}

	static long nextMsgId() {
		return msgIds.incrementAndGet();
	}

	private String push(String baseUrl, String fields) {
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		String nonce = "n" + UUID.randomUUID().toString().substring(0, 8);
		String xml = "<xml><ToUserName><![CDATA[gh_test0000001]]></ToUserName><FromUserName><![CDATA[" + this.openId
				+ "]]></FromUserName><CreateTime>" + timestamp + "</CreateTime>" + fields + "</xml>";
		return WebTestClient.bindToServer()
			.baseUrl(baseUrl)
			.responseTimeout(Duration.ofSeconds(30))
			.build()
			.post()
			.uri((uri) -> uri.path("/wechat/callback")
				.queryParam("signature", sign(timestamp, nonce))
				.queryParam("timestamp", timestamp)
				.queryParam("nonce", nonce)
				.queryParam("openid", this.openId)
				.build())
			.contentType(MediaType.TEXT_XML)
			.bodyValue(xml)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	/** The console's pseudonym for this citizen (the console never sees the openid). */
	String pseudonym() {
		return sha256(this.openId).substring(0, 8);
	}

	private String sign(String timestamp, String nonce) {
		String[] parts = { this.token, timestamp, nonce };
		Arrays.sort(parts);
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-1").digest(String.join("", parts).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

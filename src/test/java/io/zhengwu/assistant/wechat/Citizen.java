package io.zhengwu.assistant.wechat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import me.chanjar.weixin.common.util.crypto.WxCryptUtil;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A citizen as WeChat delivers them to the webhook: messages built, signed and (in safe mode)
 * encrypted exactly as WeChat does, with WxJava's own crypto as an independent implementation.
 */
class Citizen {

	static final String ACCOUNT = "gh_test0000001";

	private static final AtomicLong msgIds = new AtomicLong(System.currentTimeMillis() * 1000);

	final String openId = "o" + UUID.randomUUID().toString().replace("-", "").substring(0, 27);

	private final AtomicLong sent = new AtomicLong();

	private final WebTestClient client;

	private final String token;

	private final String appId;

	Citizen(WebTestClient client, String token, String appId) {
		this.client = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
		this.token = token;
		this.appId = appId;
	}

	static long nextMsgId() {
		return msgIds.incrementAndGet();
	}

	static String now() {
		return Long.toString(Instant.now().getEpochSecond());
	}

	String text(String content, long msgId) {
		return message("text", "<Content>" + SafeXml.cdata(content) + "</Content><MsgId>" + msgId + "</MsgId>");
	}

	String text(String content) {
		return text(content, nextMsgId());
	}

	String voice(String recognition) {
		String rec = (recognition != null) ? "<Recognition>" + SafeXml.cdata(recognition) + "</Recognition>" : "";
		return message("voice", "<MediaId><![CDATA[media1]]></MediaId><Format><![CDATA[amr]]></Format>" + rec
				+ "<MsgId>" + nextMsgId() + "</MsgId>");
	}

	String image() {
		return message("image", "<PicUrl><![CDATA[http://example.invalid/p.jpg]]></PicUrl><MediaId><![CDATA[m]]></MediaId><MsgId>"
				+ nextMsgId() + "</MsgId>");
	}

	String event(String event, String key) {
		return message("event", "<Event>" + SafeXml.cdata(event) + "</Event>"
				+ ((key != null) ? "<EventKey>" + SafeXml.cdata(key) + "</EventKey>" : ""));
	}

	private String message(String type, String rest) {
		// Each message a second later, as a citizen tapping twice in one second is one event to WeChat.
		long createTime = Instant.now().getEpochSecond() - 600 + this.sent.incrementAndGet();
		return "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName><FromUserName><![CDATA[" + this.openId
				+ "]]></FromUserName><CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[" + type
				+ "]]></MsgType>" + rest + "</xml>";
	}

	/** Posts in plaintext mode, signed. */
	WebTestClient.ResponseSpec post(String xml) {
		String timestamp = now();
		String nonce = "n" + UUID.randomUUID().toString().substring(0, 8);
		return this.client.post()
			.uri((uri) -> uri.path("/wechat/callback")
				.queryParam("signature", Signatures.sign(this.token, timestamp, nonce))
				.queryParam("timestamp", timestamp)
				.queryParam("nonce", nonce)
				.queryParam("openid", this.openId)
				.build())
			.contentType(MediaType.TEXT_XML)
			.bodyValue(xml)
			.exchange();
	}

	/** Posts and returns the reply's body (200 expected). */
	String ask(String xml) {
		return post(xml).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
	}

	/** The {@code Content} of a plaintext text reply. */
	static String content(String replyXml) {
		return SafeXml.parse(replyXml).get("Content");
	}

	/** Posts in safe mode, encrypted with {@code aesKey}, and returns the raw (encrypted) reply. */
	EntityExchangeResult<String> postEncrypted(String xml, String aesKey) {
		WxCryptUtil crypt = new WxCryptUtil(this.token, aesKey, this.appId);
		WxCryptUtil.EncryptContext context = crypt.encryptContext(xml);
		String body = "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName><Encrypt><![CDATA["
				+ context.getEncrypt() + "]]></Encrypt></xml>";
		return this.client.post()
			.uri((uri) -> uri.path("/wechat/callback")
				.queryParam("signature", Signatures.sign(this.token, context.getTimeStamp(), context.getNonce()))
				.queryParam("timestamp", context.getTimeStamp())
				.queryParam("nonce", context.getNonce())
				.queryParam("openid", this.openId)
				.queryParam("encrypt_type", "aes")
				.queryParam("msg_signature", context.getSignature())
				.build())
			.contentType(MediaType.TEXT_XML)
			.bodyValue(body)
			.exchange()
			.expectBody(String.class)
			.returnResult();
	}

	/** Decrypts an encrypted reply as WeChat would (checking its signature) and returns its fields. */
	Map<String, String> decryptReply(String encryptedReply, String aesKey) {
		Map<String, String> envelope = SafeXml.parse(encryptedReply);
		WxCryptUtil crypt = new WxCryptUtil(this.token, aesKey, this.appId);
		String plain = crypt.decryptXml(envelope.get("MsgSignature"), envelope.get("TimeStamp"), envelope.get("Nonce"),
				encryptedReply);
		return SafeXml.parse(plain);
	}

}

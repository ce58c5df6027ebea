package io.zhengwu.assistant.wechat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import reactor.core.publisher.Mono;

/**
 * Everything the webhook checks before a request reaches the business code, cheapest first:
 * {@code signature} (constant-time), the timestamp window, the body size (reading stops at the
 * limit), then in safe mode {@code msg_signature} and decryption, and a parse with no document
 * types or entities. A refusal is a {@link WebhookRejection}; nothing is stored on the way.
 */
@Component
class WebhookGate {

	private final WechatAccount account;

	private final WechatProperties properties;

	private final WechatCrypto crypto;

	private final Clock clock;

	WebhookGate(WechatAccount account, WechatProperties properties) {
		this.account = account;
		this.properties = properties;
		this.crypto = new WechatCrypto(account);
		this.clock = Clock.systemUTC();
	}

	/** Checks a signed request's {@code signature} and {@code timestamp}. */
	void verify(String signature, String timestamp, String nonce) {
		if (!StringUtils.hasText(signature) || !StringUtils.hasText(timestamp) || nonce == null
				|| !Signatures.matches(signature, this.account.token(), timestamp, nonce)) {
			throw WebhookRejection.forbidden("bad or missing signature");
		}
		long seconds;
		try {
			seconds = Long.parseLong(timestamp);
		}
		catch (NumberFormatException ex) {
			throw WebhookRejection.forbidden("timestamp is not a number");
		}
		long skew = Math.abs(Instant.now(this.clock).getEpochSecond() - seconds);
		if (skew > this.properties.timestampWindow().toSeconds()) {
			throw WebhookRejection.forbidden("timestamp outside the window");
		}
	}

	/**
	 * Verifies, reads, decrypts (safe mode) and parses a pushed message.
	 * @return the message, and whether it came encrypted (then the reply goes out encrypted)
	 */
	Mono<Inbound> open(ServerHttpRequest request, Params params) {
		return Mono.defer(() -> {
			verify(params.signature(), params.timestamp(), params.nonce());
			return readBody(request);
		}).map((body) -> {
			Map<String, String> outer = SafeXml.parse(body);
			if (!"aes".equalsIgnoreCase(params.encryptType())) {
				// A real account in safe mode only ever gets encrypted pushes: a plaintext one could come
				// only from someone who has the token but not the key. The simulator may send either.
				if (this.crypto.enabled() && !this.account.simulated()) {
					throw WebhookRejection.forbidden("plaintext message while safe mode is on");
				}
				return new Inbound(new WechatMessage(outer), false, 0);
			}
			if (!this.crypto.enabled()) {
				throw WebhookRejection.badRequest("encrypted message but no EncodingAESKey configured");
			}
			String encrypted = outer.getOrDefault("Encrypt", "");
			if (encrypted.isEmpty() || !Signatures.matches(params.msgSignature(), this.account.token(),
					params.timestamp(), params.nonce(), encrypted)) {
				throw WebhookRejection.forbidden("bad or missing msg_signature");
			}
			WechatCrypto.Decrypted decrypted = this.crypto.open(encrypted);
			return new Inbound(new WechatMessage(SafeXml.parse(decrypted.message())), true, decrypted.key());
		});
	}

	/**
	 * The reply as sent: in safe mode an encrypted, signed envelope, encrypted with the key the
	 * message came with (WeChat's rule for a key rotation); {@code success} stays as is.
	 */
	String seal(String replyXml, Inbound inbound) {
		if (!inbound.encrypted() || WebhookReplies.SUCCESS.equals(replyXml)) {
			return replyXml;
		}
		String encrypt = this.crypto.encrypt(replyXml, inbound.key());
		String timestamp = Long.toString(Instant.now(this.clock).getEpochSecond());
		String nonce = WechatConfiguration.generateToken().substring(0, 10);
		String signature = Signatures.sign(this.account.token(), timestamp, nonce, encrypt);
		return "<xml><Encrypt>" + SafeXml.cdata(encrypt) + "</Encrypt><MsgSignature>" + SafeXml.cdata(signature)
				+ "</MsgSignature><TimeStamp>" + timestamp + "</TimeStamp><Nonce>" + SafeXml.cdata(nonce)
				+ "</Nonce></xml>";
	}

	private Mono<String> readBody(ServerHttpRequest request) {
		int max = (int) this.properties.maxBody().toBytes();
		if (request.getHeaders().getContentLength() > max) {
			return Mono.error(WebhookRejection.tooLarge("body over " + max + " bytes"));
		}
		return DataBufferUtils.join(request.getBody(), max).map((buffer) -> {
			try {
				return buffer.toString(StandardCharsets.UTF_8);
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		})
			.onErrorMap(DataBufferLimitException.class, (ex) -> WebhookRejection.tooLarge("body over " + max + " bytes"))
			.defaultIfEmpty("");
	}

	/** The query parameters WeChat signs a push with. */
	record Params(String signature, String timestamp, String nonce, String encryptType, String msgSignature) {

		@Override
		public String toString() {
			return "Params[encryptType=" + this.encryptType + "]";
		}

	}

	/**
	 * A verified, decrypted, parsed message.
	 * @param key which EncodingAESKey decrypted it (0 the current, 1 the previous)
	 */
	record Inbound(WechatMessage message, boolean encrypted, int key) {
	}

}

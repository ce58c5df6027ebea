package io.zhengwu.assistant.wechat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.util.StringUtils;

/**
 * WeChat's safe-mode message encryption: AES-256-CBC with key = Base64(EncodingAESKey + "="), IV =
 * the key's first 16 bytes, PKCS#7 padding to 32-byte blocks, over random(16) + length(4, big-endian)
 * + message + AppID. Decryption tries the current key, then the previous one (key rotation), and
 * checks that the AppID is ours.
 */
final class WechatCrypto {

	private static final int BLOCK = 32;

	private static final SecureRandom random = new SecureRandom();

	private final List<byte[]> keys;

	private final byte[] appId;

	WechatCrypto(WechatAccount account) {
		this.keys = new ArrayList<>();
		for (String key : new String[] { account.aesKey(), account.previousAesKey() }) {
			if (StringUtils.hasText(key)) {
				this.keys.add(Base64.getDecoder().decode(key + "="));
			}
		}
		this.appId = account.appId().getBytes(StandardCharsets.UTF_8);
	}

	boolean enabled() {
		return !this.keys.isEmpty();
	}

	/** Encrypts a reply with the current key, as Base64. */
	String encrypt(String message) {
		return encrypt(message, 0);
	}

	/**
	 * Encrypts a reply with the key its message came with ({@link Decrypted#key()}): during a
	 * rotation WeChat decrypts the reply with the key it encrypted the message with.
	 */
	String encrypt(String message, int key) {
		byte[] msg = message.getBytes(StandardCharsets.UTF_8);
		byte[] nonce = new byte[16];
		random.nextBytes(nonce);
		int length = 16 + 4 + msg.length + this.appId.length;
		int pad = BLOCK - (length % BLOCK);
		ByteBuffer plain = ByteBuffer.allocate(length + pad);
		plain.put(nonce).putInt(msg.length).put(msg).put(this.appId);
		for (int i = 0; i < pad; i++) {
			plain.put((byte) pad);
		}
		try {
			return Base64.getEncoder().encodeToString(cipher(Cipher.ENCRYPT_MODE, this.keys.get(key)).doFinal(plain.array()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES encryption failed", ex);
		}
	}

	/**
	 * Decrypts a message with the current key or, failing that, the previous one.
	 * @throws WebhookRejection when no key decrypts it to a well-formed message for our AppID
	 */
	String decrypt(String encrypted) {
		return open(encrypted).message();
	}

	/** A decrypted message and which key opened it: 0 the current, 1 the previous. */
	record Decrypted(String message, int key) {
	}

	/**
	 * Decrypts a message with the current key or, failing that, the previous one, saying which.
	 * @throws WebhookRejection when no key decrypts it to a well-formed message for our AppID
	 */
	Decrypted open(String encrypted) {
		byte[] data;
		try {
			data = Base64.getDecoder().decode(encrypted.strip());
		}
		catch (IllegalArgumentException ex) {
			throw WebhookRejection.badRequest("Encrypt is not Base64");
		}
		boolean wrongApp = false;
		for (int index = 0; index < this.keys.size(); index++) {
			byte[] plain = tryDecrypt(this.keys.get(index), data);
			if (plain == null || plain.length < 20) {
				continue;
			}
			int length = ByteBuffer.wrap(plain, 16, 4).getInt();
			if (length < 0 || 20 + length > plain.length) {
				continue;
			}
			byte[] app = Arrays.copyOfRange(plain, 20 + length, plain.length);
			if (!Arrays.equals(app, this.appId)) {
				wrongApp = true;
				continue;
			}
			return new Decrypted(new String(plain, 20, length, StandardCharsets.UTF_8), index);
		}
		throw wrongApp ? WebhookRejection.forbidden("message is for another AppID")
				: WebhookRejection.badRequest("message does not decrypt with the current or previous key");
	}

	/** The unpadded plaintext, or null when this key does not decrypt the data. */
	private static byte[] tryDecrypt(byte[] key, byte[] data) {
		if (data.length == 0 || data.length % 16 != 0) {
			return null;
		}
		byte[] padded;
		try {
			padded = cipher(Cipher.DECRYPT_MODE, key).doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			return null;
		}
		int pad = padded[padded.length - 1] & 0xFF;
		if (pad < 1 || pad > BLOCK || pad > padded.length) {
			return null;
		}
		for (int i = padded.length - pad; i < padded.length; i++) {
			if ((padded[i] & 0xFF) != pad) {
				return null;
			}
		}
		return Arrays.copyOf(padded, padded.length - pad);
	}

	private static Cipher cipher(int mode, byte[] key) throws GeneralSecurityException {
		// WeChat pads to 32 bytes itself (PKCS#7 with a 32-byte block), so the cipher does no padding.
		Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
		cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
		return cipher;
	}

}

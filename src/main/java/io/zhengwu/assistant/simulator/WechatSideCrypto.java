package io.zhengwu.assistant.simulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeChat's side of the message signatures and of safe-mode encryption, written from WeChat's
 * published protocol independently of the webhook's own code, so that the simulator checks the
 * webhook rather than agreeing with it by construction.
 *
 * <p>Signature: SHA-1 (hex) of the sorted, concatenated strings (token, timestamp, nonce, and in
 * safe mode the encrypted message). Encryption: AES-256-CBC, key = Base64(EncodingAESKey + "="),
 * IV = the key's first 16 bytes, plaintext = 16 random bytes + 4-byte big-endian length + message
 * + AppID, padded PKCS#7-style to a multiple of 32 bytes.
 */
final class WechatSideCrypto {

	private static final int BLOCK = 32;

	private static final SecureRandom random = new SecureRandom();

	private final byte[] key;

	private final String appId;

	WechatSideCrypto(String aesKey, String appId) {
		this.key = Base64.getDecoder().decode(aesKey + "=");
		if (this.key.length != 32) {
			throw new IllegalArgumentException("EncodingAESKey must decode to 32 bytes");
		}
		this.appId = appId;
	}

	static String signature(String... parts) {
		String[] sorted = parts.clone();
		Arrays.sort(sorted);
		try {
			MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
			return HexFormat.of().formatHex(sha1.digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-1 is required by every JDK", ex);
		}
	}

	/** Compares signatures in constant time. */
	static boolean sameSignature(String expected, String actual) {
		return actual != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				actual.getBytes(StandardCharsets.US_ASCII));
	}

	String encrypt(String message) {
		byte[] text = message.getBytes(StandardCharsets.UTF_8);
		byte[] id = this.appId.getBytes(StandardCharsets.UTF_8);
		int length = 16 + 4 + text.length + id.length;
		int pad = BLOCK - (length % BLOCK);
		ByteBuffer plain = ByteBuffer.allocate(length + pad);
		byte[] prefix = new byte[16];
		random.nextBytes(prefix);
		plain.put(prefix).putInt(text.length).put(text).put(id);
		for (int i = 0; i < pad; i++) {
			plain.put((byte) pad);
		}
		try {
			return Base64.getEncoder().encodeToString(cipher(Cipher.ENCRYPT_MODE).doFinal(plain.array()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-256-CBC failed", ex);
		}
	}

	/**
	 * Decrypts a message the webhook encrypted.
	 * @throws IllegalArgumentException when it does not decrypt, or names another AppID
	 */
	String decrypt(String encrypted) {
		byte[] plain;
		try {
			plain = cipher(Cipher.DECRYPT_MODE).doFinal(Base64.getDecoder().decode(encrypted));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("the reply does not decrypt with the EncodingAESKey", ex);
		}
		int pad = plain[plain.length - 1] & 0xff;
		if (pad < 1 || pad > BLOCK || plain.length < 20 + pad) {
			throw new IllegalArgumentException("the reply's padding is wrong");
		}
		int textLength = ByteBuffer.wrap(plain, 16, 4).getInt();
		int end = plain.length - pad;
		if (textLength < 0 || 20 + textLength > end) {
			throw new IllegalArgumentException("the reply's length field is wrong");
		}
		String id = new String(plain, 20 + textLength, end - 20 - textLength, StandardCharsets.UTF_8);
		if (!id.equals(this.appId)) {
			throw new IllegalArgumentException("the reply is encrypted for another AppID");
		}
		return new String(plain, 20, textLength, StandardCharsets.UTF_8);
	}

	private Cipher cipher(int mode) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
		cipher.init(mode, new SecretKeySpec(this.key, "AES"), new IvParameterSpec(Arrays.copyOf(this.key, 16)));
		return cipher;
	}

}

package io.zhengwu.assistant.wechat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * WeChat's request signatures: SHA-1 over the sorted, concatenated parts, as lower-case hex.
 * {@code signature} signs (token, timestamp, nonce); in safe mode {@code msg_signature} also
 * covers the encrypted message.
 */
final class Signatures {

	private Signatures() {
	}

	/** The signature of the given parts (sorted, concatenated, SHA-1, hex). */
	static String sign(String... parts) {
		String[] sorted = parts.clone();
		Arrays.sort(sorted);
		try {
			MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
			for (String part : sorted) {
				sha1.update(part.getBytes(StandardCharsets.UTF_8));
			}
			return HexFormat.of().formatHex(sha1.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is required by the Java platform", ex);
		}
	}

	/** Whether {@code given} is the signature of {@code parts}, compared in constant time. */
	static boolean matches(String given, String... parts) {
		if (given == null) {
			return false;
		}
		for (String part : parts) {
			if (part == null) {
				return false;
			}
		}
		byte[] expected = sign(parts).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, given.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
	}

}

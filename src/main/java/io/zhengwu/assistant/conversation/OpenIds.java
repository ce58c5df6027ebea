package io.zhengwu.assistant.conversation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Openids as logs may carry them: a short SHA-256 digest, enough to follow one citizen through the
 * logs without naming them.
 */
public final class OpenIds {

	private OpenIds() {
	}

	/** The first 12 hex digits of the openid's SHA-256 digest. */
	public static String forLog(String openId) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(((openId != null) ? openId : "").getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 6);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
		}
	}

}

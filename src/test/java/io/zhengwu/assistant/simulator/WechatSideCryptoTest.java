package io.zhengwu.assistant.simulator;

import java.security.SecureRandom;
import java.util.Base64;

import me.chanjar.weixin.common.util.crypto.WxCryptUtil;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The simulator's WeChat-side crypto agrees with WxJava's independent implementation of WeChat's
 * protocol, both ways, so the simulator encrypts as WeChat does.
 */
class WechatSideCryptoTest {

	static final String TOKEN = "simtoken";

	static final String APP_ID = "wx1234567890abcdef";

	final String aesKey = randomAesKey();

	final String message = "<xml><Content><![CDATA[身份证丢了怎么办？ ང་ལ་ཐོབ་ཐང་ལག་ཁྱེར་དགོས།]]></Content></xml>";

	@Test
	void whatTheSimulatorEncryptsWxJavaDecryptsWithTheSameKeyAndAppId() {
		String encrypted = new WechatSideCrypto(this.aesKey, APP_ID).encrypt(this.message);
		assertThat(new WxCryptUtil(TOKEN, this.aesKey, APP_ID).decrypt(encrypted)).isEqualTo(this.message);
	}

	@Test
	void whatWxJavaEncryptsTheSimulatorDecryptsAndItsSignatureMatches() {
		String sealed = new WxCryptUtil(TOKEN, this.aesKey, APP_ID).encrypt(this.message);
		WechatXml.Parsed reply = WechatXml.read(sealed);
		String encrypted = reply.field("Encrypt");
		assertThat(WechatSideCrypto.signature(TOKEN, reply.field("TimeStamp"), reply.field("Nonce"), encrypted))
			.isEqualTo(reply.field("MsgSignature"));
		assertThat(new WechatSideCrypto(this.aesKey, APP_ID).decrypt(encrypted)).isEqualTo(this.message);
	}

	@Test
	void aReplyEncryptedForAnotherAppIdIsRefused() {
		String encrypted = new WxCryptUtil(TOKEN, this.aesKey, "wxsomeoneelse00000").encrypt(this.message);
		String inner = WechatXml.read(encrypted).field("Encrypt");
		assertThatIllegalArgumentException().isThrownBy(() -> new WechatSideCrypto(this.aesKey, APP_ID).decrypt(inner))
			.withMessageContaining("another AppID");
	}

	@Test
	void aReplyEncryptedWithAnotherKeyIsRefused() {
		String encrypted = new WechatSideCrypto(randomAesKey(), APP_ID).encrypt(this.message);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WechatSideCrypto(this.aesKey, APP_ID).decrypt(encrypted));
	}

	@Test
	void theSignatureIsTheSha1OfTheSortedPartsAsWechatDocumentsIt() {
		// WeChat's documented example: token "token", timestamp and nonce as below.
		assertThat(WechatSideCrypto.signature("token", "1409304348", "xxxxxx"))
			.isEqualTo(WechatSideCrypto.signature("xxxxxx", "token", "1409304348"))
			.hasSize(40)
			.matches("[0-9a-f]{40}");
		assertThat(WechatSideCrypto.sameSignature(WechatSideCrypto.signature("a", "b"), WechatSideCrypto.signature("b", "a")))
			.isTrue();
		assertThat(WechatSideCrypto.sameSignature(WechatSideCrypto.signature("a", "b"), "0".repeat(40))).isFalse();
	}

	@Test
	void aDoctypeInAReplyIsRefusedBeforeAnyEntityIsRead() {
		String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/hostname\">]><xml><Content>&e;</Content></xml>";
		assertThatIllegalArgumentException().isThrownBy(() -> WechatXml.read(xxe)).withMessageContaining("DOCTYPE");
	}

	@Test
	void textWithACdataTerminatorSurvivesTheRoundTrip() {
		String tricky = "a]]>b<c>&d";
		assertThat(WechatXml.read(WechatXml.write(java.util.Map.of("Content", tricky))).field("Content")).isEqualTo(tricky);
	}

	static String randomAesKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().withoutPadding().encodeToString(key);
	}

}

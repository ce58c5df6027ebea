package io.zhengwu.assistant.wechat;

import java.time.Duration;
import java.time.Instant;

import me.chanjar.weixin.common.util.crypto.WxCryptUtil;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.util.unit.DataSize;

import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook's gate for a real account (AppSecret set) in safe mode: encrypted pushes open,
 * plaintext ones are refused, since WeChat never sends them in safe mode.
 */
class RealAccountGateTest {

	static final String TOKEN = WechatConfiguration.generateToken();

	static final String AES_KEY = WechatConfiguration.generateAesKey();

	static final String APP_ID = "wxreal0000000001";

	final WebhookGate gate = new WebhookGate(new WechatAccount(APP_ID, TOKEN, AES_KEY, "", false),
			new WechatProperties(APP_ID, "the-app-secret", TOKEN, AES_KEY, "", Duration.ofSeconds(300),
					DataSize.ofKilobytes(64), Duration.ofSeconds(4), Duration.ofHours(1)));

	static final String MESSAGE = "<xml><ToUserName><![CDATA[gh_real]]></ToUserName><FromUserName><![CDATA[oCitizen]]>"
			+ "</FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType>"
			+ "<Content><![CDATA[你好]]></Content><MsgId>1</MsgId></xml>";

	@Test
	void anEncryptedPushIsOpenedAndItsFieldsRead() {
		WxCryptUtil.EncryptContext context = new WxCryptUtil(TOKEN, AES_KEY, APP_ID).encryptContext(MESSAGE);
		MockServerHttpRequest request = MockServerHttpRequest.post("/wechat/callback")
			.body("<xml><Encrypt><![CDATA[" + context.getEncrypt() + "]]></Encrypt></xml>");
		WebhookGate.Params params = new WebhookGate.Params(
				Signatures.sign(TOKEN, context.getTimeStamp(), context.getNonce()), context.getTimeStamp(),
				context.getNonce(), "aes", context.getSignature());
		StepVerifier.create(this.gate.open(request, params))
			.assertNext((inbound) -> {
				assertThat(inbound.encrypted()).isTrue();
				assertThat(inbound.message().content()).isEqualTo("你好");
				assertThat(inbound.message().fromUser()).isEqualTo("oCitizen");
			})
			.verifyComplete();
	}

	@Test
	void aSignedPlaintextPushIsRefusedWith403InSafeMode() {
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		MockServerHttpRequest request = MockServerHttpRequest.post("/wechat/callback").body(MESSAGE);
		WebhookGate.Params params = new WebhookGate.Params(Signatures.sign(TOKEN, timestamp, "n1"), timestamp, "n1",
				null, null);
		StepVerifier.create(this.gate.open(request, params))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(WebhookRejection.class,
					(rejection) -> assertThat(rejection.status()).isEqualTo(HttpStatus.FORBIDDEN)))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void secretsStayOutOfToString() {
		WechatProperties properties = new WechatProperties(APP_ID, "the-app-secret", TOKEN, AES_KEY, AES_KEY,
				Duration.ofSeconds(300), DataSize.ofKilobytes(64), Duration.ofSeconds(4), Duration.ofHours(1));
		WechatAccount account = new WechatAccount(APP_ID, TOKEN, AES_KEY, AES_KEY, false);
		for (String text : new String[] { properties.toString(), account.toString() }) {
			assertThat(text).contains(APP_ID).doesNotContain("the-app-secret", TOKEN, AES_KEY);
		}
	}

}

package io.zhengwu.assistant.wechat;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookQueryTest {

	@Test
	void wechatsParametersAreReadAsTheyCome() {
		assertThat(WechatCallback.query("signature=ab12&timestamp=1764300000&nonce=42&openid=oX&encrypt_type=aes"
				+ "&msg_signature=cd34"))
			.containsEntry("signature", "ab12")
			.containsEntry("timestamp", "1764300000")
			.containsEntry("nonce", "42")
			.containsEntry("encrypt_type", "aes")
			.containsEntry("msg_signature", "cd34")
			.hasSize(6);
	}

	@Test
	void escapesAreDecodedTheFirstValueWinsAndEmptyPartsAreSkipped() {
		assertThat(WechatCallback.query("echostr=a%2Bb+c&&nonce=1&nonce=2&flag&empty="))
			.containsEntry("echostr", "a+b c")
			.containsEntry("nonce", "1")
			.containsEntry("flag", "")
			.containsEntry("empty", "")
			.hasSize(4);
	}

	@Test
	void noQueryMeansNoParameters() {
		assertThat(WechatCallback.query(null)).isEmpty();
		assertThat(WechatCallback.query("")).isEmpty();
	}

	@Test
	void aBrokenEscapeIsRefusedWith400() {
		assertThatThrownBy(() -> WechatCallback.query("signature=%zz")).isInstanceOfSatisfying(WebhookRejection.class,
				(rejection) -> assertThat(rejection.status()).isEqualTo(HttpStatus.BAD_REQUEST));
	}

}

package io.zhengwu.assistant.wechat;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The official account and the webhook's limits ({@code zhengwu.wechat.*}, bound to environment
 * variables in {@code application.yaml}). An empty {@code appSecret} means there is no real account:
 * the simulator stands in for WeChat.
 *
 * @param appId the AppID
 * @param appSecret the AppSecret (secret)
 * @param token the Token entered in the WeChat admin console (secret)
 * @param aesKey the 43-character EncodingAESKey for safe mode (secret), empty for plaintext mode
 * @param aesKeyPrevious the key before the last rotation, still accepted (secret)
 * @param timestampWindow how far a request's timestamp may be from our clock
 * @param maxBody the largest request body read; longer ones are refused with 413
 * @param replyBudget how long the webhook waits for an answer before replying {@code success} and
 * sending the answer later as a customer-service message (WeChat gives up after 5 s)
 * @param dedupeTtl how long a message's reply is kept for WeChat's retries (they come within ~15 s)
 */
@Validated
@ConfigurationProperties("zhengwu.wechat")
record WechatProperties(String appId, String appSecret, String token,
		@Pattern(regexp = "|[A-Za-z0-9+/]{43}", message = "must be the 43-character EncodingAESKey") String aesKey,
		@Pattern(regexp = "|[A-Za-z0-9+/]{43}", message = "must be the 43-character EncodingAESKey") String aesKeyPrevious,
		@NotNull @DefaultValue("300s") Duration timestampWindow, @NotNull @DefaultValue("64KB") DataSize maxBody,
		@NotNull @DefaultValue("4s") Duration replyBudget, @NotNull @DefaultValue("1h") Duration dedupeTtl) {

	WechatProperties {
		appId = trim(appId);
		appSecret = trim(appSecret);
		token = trim(token);
		aesKey = trim(aesKey);
		aesKeyPrevious = trim(aesKeyPrevious);
	}

	/** No real account configured: the simulator stands in for WeChat. */
	boolean simulated() {
		return !StringUtils.hasText(this.appSecret);
	}

	private static String trim(String value) {
		return (value != null) ? value.trim() : "";
	}

	@Override
	public String toString() {
		return "WechatProperties[appId=" + this.appId + ", appSecret=" + mask(this.appSecret) + ", token="
				+ mask(this.token) + ", aesKey=" + mask(this.aesKey) + ", aesKeyPrevious=" + mask(this.aesKeyPrevious)
				+ ", timestampWindow=" + this.timestampWindow + ", maxBody=" + this.maxBody + ", replyBudget="
				+ this.replyBudget + ", dedupeTtl=" + this.dedupeTtl + "]";
	}

	static String mask(String secret) {
		return StringUtils.hasText(secret) ? "******" : "(empty)";
	}

}

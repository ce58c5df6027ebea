package io.zhengwu.assistant.wechat;

import org.springframework.util.StringUtils;

/**
 * The official account as the webhook checks it: what WeChat signs with ({@code token}), encrypts
 * with ({@code aesKey}, and during a rotation {@code previousAesKey}) and names itself as
 * ({@code appId}). In simulated mode (no AppSecret) a missing token or key is generated at start-up,
 * so the simulator signs and encrypts exactly as WeChat would. Secrets are left out of
 * {@link #toString()}.
 *
 * @param appId the AppID (a fixed stand-in in simulated mode when none is set)
 * @param token the Token WeChat signs requests with
 * @param aesKey the current 43-character EncodingAESKey, empty in plaintext mode
 * @param previousAesKey the key before the last rotation, empty when none
 * @param simulated whether the simulator stands in for WeChat (no AppSecret configured)
 */
public record WechatAccount(String appId, String token, String aesKey, String previousAesKey, boolean simulated) {

	/** Whether safe mode is on: messages arrive encrypted and replies go out encrypted. */
	public boolean encrypted() {
		return StringUtils.hasText(this.aesKey);
	}

	@Override
	public String toString() {
		return "WechatAccount[appId=" + this.appId + ", token=" + WechatProperties.mask(this.token) + ", aesKey="
				+ WechatProperties.mask(this.aesKey) + ", previousAesKey=" + WechatProperties.mask(this.previousAesKey)
				+ ", simulated=" + this.simulated + "]";
	}

}

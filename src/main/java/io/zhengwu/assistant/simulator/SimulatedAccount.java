package io.zhengwu.assistant.simulator;

import org.springframework.util.StringUtils;

/**
 * The official account as the simulator plays WeChat for it: what to sign with, encrypt with, and
 * the original id ({@code gh_...}) WeChat puts in {@code ToUserName}.
 */
record SimulatedAccount(String appId, String token, String aesKey, String originalId) {

	/** The original id of the simulated official account. */
	static final String ORIGINAL_ID = "gh_a11simulator";

	boolean encrypted() {
		return StringUtils.hasText(this.aesKey);
	}

	@Override
	public String toString() {
		return "SimulatedAccount[appId=" + this.appId + ", originalId=" + this.originalId + "]";
	}

}

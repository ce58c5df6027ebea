package io.zhengwu.assistant.wechat;

/** WeChat's API refused a call; {@link #errorCode()} is WeChat's {@code errcode}. */
public class WechatApiException extends RuntimeException {

	private final int errorCode;

	public WechatApiException(int errorCode, String message, Throwable cause) {
		super("WeChat API error " + errorCode + ": " + message, cause);
		this.errorCode = errorCode;
	}

	public int errorCode() {
		return this.errorCode;
	}

}

package io.zhengwu.assistant.wechat;

import reactor.core.publisher.Mono;

/**
 * Sends messages to a citizen outside the webhook's passive reply, through WeChat's
 * customer-service message API (allowed for 48 hours after the citizen's last message).
 */
public interface CustomerServiceMessages {

	/**
	 * Sends a text message. Completes when WeChat accepted it; fails with
	 * {@link WechatApiException} carrying WeChat's error code (e.g. 45015: outside the 48-hour
	 * window, 45047: too many messages) or on a network error.
	 */
	Mono<Void> sendText(String openId, String text);

}

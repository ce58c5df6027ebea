package io.zhengwu.assistant.wechat;

import java.util.Map;

import reactor.core.publisher.Mono;

/**
 * Sends WeChat template messages (模板消息) to a follower of the account, e.g. a notice to a duty
 * officer's own openid. Unlike customer-service messages they are not bound to the 48-hour window,
 * but only templates added to the account in the WeChat admin can be used.
 */
public interface TemplateMessages {

	/**
	 * Sends a template message. Completes when WeChat accepted it; fails with
	 * {@link WechatApiException} carrying WeChat's error code (e.g. 40037: invalid template id,
	 * 43004: the receiver does not follow the account) or on a network error.
	 * @param openId the receiver
	 * @param templateId the template's id in the WeChat admin
	 * @param url the page opened when the message is tapped, or empty
	 * @param data the template's fields by name ({@code keyword1}, ...), in order
	 */
	Mono<Void> send(String openId, String templateId, String url, Map<String, String> data);

}

package io.zhengwu.assistant.conversation;

import reactor.core.publisher.Mono;

/**
 * The dialogue with one citizen, as the webhook sees it: each method takes what the citizen did and
 * returns the text to reply. An empty {@code Mono} means "nothing to say" (the webhook answers
 * {@code success}). Every method may be slow (search, hand-off); the webhook bounds the wait.
 */
public interface Conversation {

	/**
	 * A text message.
	 * @param openId the citizen
	 * @param text what they typed (or the content of a tapped choice)
	 * @param choiceId the id of a tapped {@code weixin://bizmsgmenu} choice, empty when typed
	 */
	Mono<String> onText(String openId, String text, String choiceId);

	/**
	 * A voice message; {@code recognition} is WeChat's transcript, empty when WeChat gave none (the
	 * feature is being withdrawn).
	 */
	Mono<String> onVoice(String openId, String recognition);

	/** An image, video, short video, location or link: something the bot cannot read. */
	Mono<String> onMedia(String openId, String messageType);

	/** The citizen followed the official account. */
	Mono<String> onSubscribe(String openId);

	/** The citizen tapped a menu item of type {@code click}; see {@link MenuKeys}. */
	Mono<String> onMenuClick(String openId, String eventKey);

}

package io.zhengwu.assistant.wechat;

import java.time.Clock;
import java.util.List;

import io.zhengwu.assistant.conversation.Conversation;
import io.zhengwu.assistant.conversation.OpenIds;
import io.zhengwu.assistant.system.CitizenData;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns a verified message into the conversation's work and the passive reply, exactly once per
 * message: text, voice and media go to the {@link Conversation}; {@code subscribe} gets the welcome,
 * {@code CLICK} the menu action, {@code unsubscribe} erases everything stored about the citizen
 * (every {@link CitizenData} bean), and other events get {@code success}.
 */
@Component
class MessageDispatch {

	private static final Log log = LogFactory.getLog(MessageDispatch.class);

	private static final List<String> MEDIA = List.of("image", "video", "shortvideo", "location", "link", "file");

	private final Conversation conversation;

	private final Deliveries deliveries;

	private final List<CitizenData> citizenData;

	private final Clock clock = Clock.systemUTC();

	MessageDispatch(Conversation conversation, Deliveries deliveries, List<CitizenData> citizenData) {
		this.conversation = conversation;
		this.deliveries = deliveries;
		this.citizenData = citizenData;
	}

	/** The passive reply to a message: its XML, or {@code success}. */
	Mono<String> reply(WechatMessage message) {
		String openId = message.fromUser();
		if (openId.isEmpty()) {
			return Mono.error(WebhookRejection.badRequest("message without FromUserName"));
		}
		boolean unsubscribe = "event".equals(message.msgType()) && "unsubscribe".equalsIgnoreCase(message.event());
		return this.deliveries.once(openId, message.deliveryId(), !unsubscribe, () -> work(message),
				(text) -> WebhookReplies.text(message, text, this.clock));
	}

	private Mono<String> work(WechatMessage message) {
		String openId = message.fromUser();
		String type = message.msgType();
		if ("text".equals(type)) {
			return this.conversation.onText(openId, message.content(), message.bizMsgMenuId());
		}
		if ("voice".equals(type)) {
			return this.conversation.onVoice(openId, message.recognition());
		}
		if (MEDIA.contains(type)) {
			return this.conversation.onMedia(openId, type);
		}
		if ("event".equals(type)) {
			return event(message);
		}
		return Mono.empty();
	}

	private Mono<String> event(WechatMessage message) {
		String openId = message.fromUser();
		return switch (message.event().toLowerCase(java.util.Locale.ROOT)) {
			case "subscribe" -> this.conversation.onSubscribe(openId);
			case "unsubscribe" -> erase(openId).then(Mono.empty());
			case "click" -> this.conversation.onMenuClick(openId, message.eventKey());
			default -> Mono.empty();
		};
	}

	private Mono<Void> erase(String openId) {
		return Flux.fromIterable(this.citizenData)
			.flatMap((data) -> data.erase(openId))
			.then()
			.doOnSuccess((done) -> log.info("Erased all data about citizen " + OpenIds.forLog(openId)
					+ " after unsubscribe"));
	}

}

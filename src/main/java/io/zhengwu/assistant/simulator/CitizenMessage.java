package io.zhengwu.assistant.simulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.util.StringUtils;

/**
 * A message or event a citizen's WeChat sends to the official account, as WeChat's servers push it
 * to the webhook.
 *
 * @param openId the citizen ({@code FromUserName})
 * @param msgType {@code text} or {@code event}
 * @param content the text typed, for a text message
 * @param bizMsgMenuId the id of a tapped {@code weixin://bizmsgmenu} choice, empty when typed
 * @param event the event ({@code subscribe}, {@code unsubscribe}, {@code CLICK}, {@code VIEW})
 * @param eventKey the menu key of a {@code CLICK}, the URL of a {@code VIEW}
 * @param msgId WeChat's message id (text messages only), the same for WeChat's retries
 * @param createTime when it was sent, in seconds
 */
public record CitizenMessage(String openId, String msgType, String content, String bizMsgMenuId, String event,
		String eventKey, long msgId, long createTime) {

	/** A text the citizen typed. */
	public static CitizenMessage text(String openId, String content) {
		return new CitizenMessage(openId, "text", content, "", "", "", newMsgId(), now());
	}

	/** A {@code weixin://bizmsgmenu} choice the citizen tapped: WeChat sends its content with its id. */
	public static CitizenMessage choice(String openId, String content, String bizMsgMenuId) {
		return new CitizenMessage(openId, "text", content, bizMsgMenuId, "", "", newMsgId(), now());
	}

	/** An event, e.g. {@code event("o...", "CLICK", "MENU_TOPICS")} or {@code event("o...", "subscribe", "")}. */
	public static CitizenMessage event(String openId, String event, String eventKey) {
		return new CitizenMessage(openId, "event", "", "", event, eventKey, 0, now());
	}

	/** The XML WeChat pushes for this message, addressed to the official account {@code originalId}. */
	public String toXml(String originalId) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("ToUserName", originalId);
		fields.put("FromUserName", this.openId);
		fields.put("CreateTime", this.createTime);
		fields.put("MsgType", this.msgType);
		if ("event".equals(this.msgType)) {
			fields.put("Event", this.event);
			if (StringUtils.hasLength(this.eventKey) || !"subscribe".equals(this.event)) {
				fields.put("EventKey", this.eventKey);
			}
		}
		else {
			fields.put("Content", this.content);
			fields.put("MsgId", this.msgId);
			if (StringUtils.hasLength(this.bizMsgMenuId)) {
				fields.put("bizmsgmenuid", this.bizMsgMenuId);
			}
		}
		return WechatXml.write(fields);
	}

	private static long now() {
		return Instant.now().getEpochSecond();
	}

	/** A random positive 64-bit id of 17 to 19 digits, as WeChat's MsgIds are. */
	private static long newMsgId() {
		return ThreadLocalRandom.current().nextLong(10_000_000_000_000_000L, Long.MAX_VALUE);
	}

}

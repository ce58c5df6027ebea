package io.zhengwu.assistant.wechat;

import java.util.Map;

/**
 * One message or event WeChat pushed to the webhook, after verification and decryption: the
 * top-level fields of its XML (e.g. {@code MsgType}, {@code Content}, {@code Event}).
 */
record WechatMessage(Map<String, String> fields) {

	WechatMessage {
		fields = Map.copyOf(fields);
	}

	String field(String name) {
		return this.fields.getOrDefault(name, "");
	}

	/** The citizen's openid. */
	String fromUser() {
		return field("FromUserName");
	}

	/** The official account's original id (gh_...). */
	String toUser() {
		return field("ToUserName");
	}

	String msgType() {
		return field("MsgType");
	}

	String event() {
		return field("Event");
	}

	String eventKey() {
		return field("EventKey");
	}

	String content() {
		return field("Content");
	}

	String msgId() {
		return field("MsgId");
	}

	String createTime() {
		return field("CreateTime");
	}

	String recognition() {
		return field("Recognition");
	}

	/** The id of a tapped {@code weixin://bizmsgmenu} choice, empty for a typed message. */
	String bizMsgMenuId() {
		return field("bizmsgmenuid");
	}

	/**
	 * What makes a delivery unique across WeChat's retries: FromUserName+MsgId for messages (MsgId
	 * alone has collided across users), FromUserName+CreateTime+Event for events (with EventKey too,
	 * so two different menu taps within one second are two events; a retry repeats all of them).
	 */
	String deliveryId() {
		if ("event".equals(msgType())) {
			return createTime() + ":" + event() + ":" + eventKey();
		}
		return msgId().isEmpty() ? createTime() + ":" + msgType() : msgId();
	}

	@Override
	public String toString() {
		// Never the openid or the citizen's words: this may end up in a log.
		return "WechatMessage[type=" + msgType() + (event().isEmpty() ? "" : ", event=" + event()) + "]";
	}

}

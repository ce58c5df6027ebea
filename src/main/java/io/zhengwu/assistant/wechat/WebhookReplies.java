package io.zhengwu.assistant.wechat;

import java.time.Clock;

/**
 * Passive replies in WeChat's XML. {@code success} tells WeChat "received, nothing to show now".
 */
final class WebhookReplies {

	/** The reply meaning "received, no passive reply" (WeChat stops retrying and shows nothing). */
	static final String SUCCESS = "success";

	/**
	 * Said when processing failed, in both languages, since the failure may be in finding the
	 * citizen's language itself.
	 */
	static final String APOLOGY = "抱歉，系统暂时出了点问题，请稍后再试，或点击菜单“人工服务”联系工作人员。\n"
			+ "དགོངས་དག མ་ལག་ལ་གནས་སྐབས་དཀའ་ངལ་ཞིག་བྱུང་སོང་། ཅུང་ཙམ་ནས་ཡང་བསྐྱར་ཚོད་ལྟ་གནང་རོགས། ཡང་ན་ལས་བྱེད་པར་འབྲེལ་བ་གནང་རོགས།";

	private WebhookReplies() {
	}

	/** A text reply to {@code message}: from the account to the citizen. */
	static String text(WechatMessage message, String content, Clock clock) {
		return "<xml><ToUserName>" + SafeXml.cdata(message.fromUser()) + "</ToUserName><FromUserName>"
				+ SafeXml.cdata(message.toUser()) + "</FromUserName><CreateTime>" + clock.instant().getEpochSecond()
				+ "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>" + SafeXml.cdata(content)
				+ "</Content></xml>";
	}

}

package io.zhengwu.assistant.wechat;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.zhengwu.assistant.system.Meters;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateData;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateMessage;

import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/** Template messages through WxJava's template service, on {@code boundedElastic} (WxJava blocks). */
@Component
class TemplateMessageApi implements TemplateMessages {

	private final WxMpService wechat;

	private final MeterRegistry meters;

	TemplateMessageApi(WxMpService wechat, MeterRegistry meters) {
		this.wechat = wechat;
		this.meters = meters;
	}

	@Override
	public Mono<Void> send(String openId, String templateId, String url, Map<String, String> data) {
		WxMpTemplateMessage message = WxMpTemplateMessage.builder().toUser(openId).templateId(templateId).build();
		if (url != null && !url.isEmpty()) {
			message.setUrl(url);
		}
		data.forEach((name, value) -> message.addData(new WxMpTemplateData(name, value)));
		return WechatSends.send(() -> this.wechat.getTemplateMsgService().sendTemplateMsg(message), this.meters,
				Meters.TEMPLATE_SENDS);
	}

}

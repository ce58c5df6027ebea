package io.zhengwu.assistant.wechat;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.zhengwu.assistant.system.Meters;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.common.error.WxRuntimeException;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateData;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateMessage;

import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

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
		return Mono.fromCallable(() -> this.wechat.getTemplateMsgService().sendTemplateMsg(message))
			.subscribeOn(Schedulers.boundedElastic())
			.onErrorMap(WxErrorException.class, CustomerServiceApi::translate)
			.onErrorMap(WxRuntimeException.class, (ex) -> new WechatApiException(-1, "WeChat is busy", ex))
			.doOnSuccess((sent) -> sent("ok", "0"))
			.doOnError((ex) -> sent("error", (ex instanceof WechatApiException api) ? Integer.toString(api.errorCode())
					: "network"))
			.then();
	}

	/** Counts a send by result and WeChat's errcode ({@code zw.template.sends}). */
	private void sent(String result, String code) {
		this.meters.counter(Meters.TEMPLATE_SENDS, "result", result, "code", code).increment();
	}

}

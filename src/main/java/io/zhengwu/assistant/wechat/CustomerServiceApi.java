package io.zhengwu.assistant.wechat;

import io.micrometer.core.instrument.MeterRegistry;
import io.zhengwu.assistant.system.Meters;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.bean.kefu.WxMpKefuMessage;

import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Customer-service messages through WxJava's kefu service. WxJava blocks on HTTP, so each call runs
 * on {@code boundedElastic}, never on the event loop.
 */
@Component
class CustomerServiceApi implements CustomerServiceMessages {

	private final WxMpService wechat;

	private final MeterRegistry meters;

	CustomerServiceApi(WxMpService wechat, MeterRegistry meters) {
		this.wechat = wechat;
		this.meters = meters;
	}

	@Override
	public Mono<Void> sendText(String openId, String text) {
		WxMpKefuMessage message = WxMpKefuMessage.TEXT().toUser(openId).content(text).build();
		return WechatSends.send(() -> this.wechat.getKefuService().sendKefuMessage(message), this.meters,
				Meters.CS_SENDS);
	}

}

package io.zhengwu.assistant.wechat;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.micrometer.core.instrument.MeterRegistry;
import io.zhengwu.assistant.system.Meters;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.common.error.WxRuntimeException;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.bean.kefu.WxMpKefuMessage;

import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

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
		return Mono.fromCallable(() -> this.wechat.getKefuService().sendKefuMessage(message))
			.subscribeOn(Schedulers.boundedElastic())
			.onErrorMap(WxErrorException.class, CustomerServiceApi::translate)
			.onErrorMap(WxRuntimeException.class, (ex) -> new WechatApiException(-1, "WeChat is busy", ex))
			.doOnSuccess((sent) -> sent("ok", "0"))
			.doOnError((ex) -> sent("error", (ex instanceof WechatApiException api) ? Integer.toString(api.errorCode())
					: "network"))
			.then();
	}

	/** Counts a send by result and WeChat's errcode ({@code zw.cs.sends}). */
	private void sent(String result, String code) {
		this.meters.counter(Meters.CS_SENDS, "result", result, "code", code).increment();
	}

	/** WxJava's error as ours: a network error, or WeChat's errcode. */
	static RuntimeException translate(WxErrorException ex) {
		if (ex.getCause() instanceof IOException io) {
			return new UncheckedIOException("Could not reach the WeChat API", io);
		}
		if (ex.getError() == null) {
			return new WechatApiException(-1, "unknown error", ex);
		}
		return new WechatApiException(ex.getError().getErrorCode(), ex.getError().getErrorMsg(), ex);
	}

}

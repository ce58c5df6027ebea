package io.zhengwu.assistant.wechat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

import io.micrometer.core.instrument.MeterRegistry;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.common.error.WxRuntimeException;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One send to WeChat's API through WxJava, the way every sender does it: the blocking call on
 * {@code boundedElastic} (never on an event loop), WxJava's errors as {@link WechatApiException}
 * (WeChat's errcode) or an {@link UncheckedIOException} (not reachable), and the send counted by
 * result and errcode ({@code code} {@code 0}, the errcode, or {@code network}).
 */
final class WechatSends {

	private WechatSends() {
	}

	static Mono<Void> send(Callable<?> call, MeterRegistry meters, String meter) {
		return Mono.fromCallable(call)
			.subscribeOn(Schedulers.boundedElastic())
			.onErrorMap(WxErrorException.class, WechatSends::translate)
			.onErrorMap(WxRuntimeException.class, (ex) -> new WechatApiException(-1, "WeChat is busy", ex))
			.doOnSuccess((sent) -> meters.counter(meter, "result", "ok", "code", "0").increment())
			.doOnError((ex) -> meters
				.counter(meter, "result", "error", "code",
						(ex instanceof WechatApiException api) ? Integer.toString(api.errorCode()) : "network")
				.increment())
			.then();
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

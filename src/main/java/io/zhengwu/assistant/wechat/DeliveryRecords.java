package io.zhengwu.assistant.wechat;

import io.zhengwu.assistant.system.CitizenData;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/** Erases the webhook's stored replies for a citizen (they hold the citizen's openid and answers). */
@Component
class DeliveryRecords implements CitizenData {

	private final ReactiveStringRedisTemplate redis;

	DeliveryRecords(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
	}

	@Override
	public Mono<Void> erase(String openId) {
		String pattern = Deliveries.KEY_PREFIX + escapeGlob(openId) + ":*";
		return this.redis.scan(ScanOptions.scanOptions().match(pattern).count(500).build())
			.buffer(100)
			.flatMap((keys) -> this.redis.delete(keys.toArray(String[]::new)))
			.then();
	}

	static String escapeGlob(String text) {
		return text.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
	}

}

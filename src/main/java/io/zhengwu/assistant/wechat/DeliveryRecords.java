package io.zhengwu.assistant.wechat;

import java.util.ArrayList;

import io.zhengwu.assistant.system.CitizenData;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Erases the webhook's stored replies for a citizen (they hold the citizen's openid and answers):
 * the keys named in the citizen's index and the index, in one DEL (they share the citizen's hash
 * tag, so one Redis Cluster slot).
 */
@Component
class DeliveryRecords implements CitizenData {

	private final ReactiveStringRedisTemplate redis;

	DeliveryRecords(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
	}

	@Override
	public Mono<Void> erase(String openId) {
		String index = Deliveries.indexKey(openId);
		return this.redis.opsForZSet()
			.range(index, Range.unbounded())
			.collect(ArrayList<String>::new, ArrayList::add)
			.flatMap((keys) -> {
				keys.add(index);
				return this.redis.delete(keys.toArray(String[]::new));
			})
			.then();
	}

}

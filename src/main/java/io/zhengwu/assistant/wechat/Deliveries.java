package io.zhengwu.assistant.wechat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.zhengwu.assistant.conversation.OpenIds;
import io.zhengwu.assistant.system.Meters;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Exactly-once handling of WeChat's deliveries, shared by all instances through Redis, within the
 * reply budget.
 *
 * <p>The first delivery of a message claims {@code zw:wechat:delivery:{<openid>}:<id>} with SET NX and
 * processes it. If the reply is ready within the budget it is stored under that key and returned;
 * otherwise {@code success} is stored and returned and the reply goes out as a customer-service
 * message when ready. A retry (on any instance) finds the key: it waits, up to its own budget, for
 * the stored reply and returns the same reply, or {@code success} if none comes in time. So a
 * message is processed once and the citizen never gets its answer twice.
 *
 * <p>The claim also notes the key in the citizen's index {@code zw:wechat:deliveries:{<openid>}} (a
 * sorted set by expiry time, pruned as its entries expire), so unsubscribing erases the citizen's
 * stored replies without scanning Redis. The openid in braces is a Redis Cluster hash tag: a
 * citizen's keys share one slot.
 */
@Component
class Deliveries {

	private static final String KEY_PREFIX = "zw:wechat:delivery:";

	private static final String INDEX_PREFIX = "zw:wechat:deliveries:";

	private static final Log log = LogFactory.getLog(Deliveries.class);

	private static final String PENDING = "pending";

	private static final String DONE = "done:";

	private static final String CLAIMED = "claimed";

	/**
	 * How long a claim lives while its processing has not decided yet. The decision comes within the
	 * reply budget, so this only matters when an instance dies mid-way: then a later retry may
	 * process the message again.
	 */
	private static final Duration PROCESSING_LEASE = Duration.ofMinutes(1);

	private static final Duration POLL = Duration.ofMillis(25);

	/**
	 * Claims a delivery and notes it in the citizen's index (KEYS[2]: expired entries dropped, the
	 * new one kept until ARGV[4] + ARGV[5] ms), or (a retry) reads what the first delivery stored, in
	 * one round trip: {@link #CLAIMED} when claimed, else the stored value (which never equals it).
	 */
	private static final RedisScript<String> CLAIM = RedisScript.of("""
			if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
				redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[4])
				redis.call('ZADD', KEYS[2], tonumber(ARGV[4]) + tonumber(ARGV[5]), KEYS[1])
				redis.call('PEXPIRE', KEYS[2], ARGV[5])
				return ARGV[3]
			end
			return redis.call('GET', KEYS[1])
			""", String.class);

	private final ReactiveStringRedisTemplate redis;

	private final CustomerServiceMessages customerService;

	private final WechatProperties properties;

	private final UnfinishedAnswers unfinished;

	private final MeterRegistry meters;

	Deliveries(ReactiveStringRedisTemplate redis, CustomerServiceMessages customerService,
			UnfinishedAnswers unfinished, MeterRegistry meters, WechatProperties properties) {
		this.redis = redis;
		this.customerService = customerService;
		this.properties = properties;
		this.unfinished = unfinished;
		this.meters = meters;
	}

	static String key(String openId, String deliveryId) {
		return KEY_PREFIX + "{" + openId + "}:" + deliveryId;
	}

	/** The citizen's index of delivery keys (a sorted set by the time each may expire). */
	static String indexKey(String openId) {
		return INDEX_PREFIX + "{" + openId + "}";
	}

	/**
	 * Handles one delivery of a message exactly once.
	 * @param openId the citizen
	 * @param deliveryId what identifies the message across retries
	 * @param remember whether to keep the reply for retries (not for {@code unsubscribe}, after
	 * which nothing about the citizen may remain)
	 * @param work the processing: the reply text, or empty for no reply
	 * @param toXml turns a reply text into the passive reply
	 * @return the passive reply: the reply's XML or {@code success}
	 */
	Mono<String> once(String openId, String deliveryId, boolean remember, Supplier<Mono<String>> work,
			java.util.function.Function<String, String> toXml) {
		String key = key(openId, deliveryId);
		Duration budget = this.properties.replyBudget();
		long deadline = System.nanoTime() + budget.toNanos();
		return this.redis
			.execute(CLAIM, List.of(key, indexKey(openId)),
					List.of(PENDING, Long.toString(PROCESSING_LEASE.toMillis()), CLAIMED,
							Long.toString(System.currentTimeMillis()), Long.toString(keptAtMost().toMillis())))
			.next()
			.defaultIfEmpty(DONE + WebhookReplies.SUCCESS)
			.flatMap((stored) -> {
				if (CLAIMED.equals(stored)) {
					return process(key, openId, remember, work, toXml, budget);
				}
				if (log.isDebugEnabled()) {
					log.debug("Retry of a delivery for citizen " + OpenIds.forLog(openId) + ": not processed again");
				}
				this.meters.counter(Meters.RETRIES_DEDUPLICATED).increment();
				// answered already: the stored reply at once, else wait for it
				return stored.startsWith(DONE) ? Mono.just(stored.substring(DONE.length())) : awaitReply(key, deadline);
			});
	}

	/** The longest a delivery key lives: its lease, then the stored reply's time to live. */
	private Duration keptAtMost() {
		return PROCESSING_LEASE.plus(this.properties.dedupeTtl());
	}

	private Mono<String> process(String key, String openId, boolean remember, Supplier<Mono<String>> work,
			java.util.function.Function<String, String> toXml, Duration budget) {
		// The answer runs on its own: neither the budget nor a dropped connection cancels it.
		CompletableFuture<String> answer = Mono.defer(work)
			.defaultIfEmpty("")
			.onErrorResume((ex) -> {
				log.error("Could not answer citizen " + OpenIds.forLog(openId) + "; sent an apology", ex);
				return Mono.just(WebhookReplies.APOLOGY);
			})
			.toFuture();
		Mono<String> outcome = Mono.fromFuture(answer, true)
			.timeout(budget)
			.map((text) -> text.isEmpty() ? WebhookReplies.SUCCESS : toXml.apply(text))
			.flatMap((xml) -> remember(key, xml, remember).thenReturn(xml))
			.onErrorResume(TimeoutException.class, (ex) -> {
				deliverLater(openId, Mono.fromFuture(answer, true));
				return remember(key, WebhookReplies.SUCCESS, remember).thenReturn(WebhookReplies.SUCCESS);
			})
			.cache();
		// Decide and store even if WeChat's connection goes away before the budget ends (or the
		// instance is stopping: shutdown waits for it).
		this.unfinished.run(outcome.doOnError(
				(ex) -> log.error("Could not finish a delivery for citizen " + OpenIds.forLog(openId), ex)));
		return outcome;
	}

	private Mono<Void> remember(String key, String xml, boolean remember) {
		Mono<?> store = remember ? this.redis.opsForValue().set(key, DONE + xml, this.properties.dedupeTtl())
				: this.redis.delete(key);
		return store.onErrorResume((ex) -> {
			// The citizen still gets the reply; only a retry could now be processed again.
			log.warn("Could not store a reply for retries: " + ex.getMessage());
			return Mono.empty();
		}).then();
	}

	private void deliverLater(String openId, Mono<String> answer) {
		// Shutdown waits for it, so a rolling update loses no late answer.
		this.unfinished.run(answer.filter((text) -> !text.isEmpty())
			.doOnNext((text) -> this.meters.counter(Meters.ASYNC_REPLIES).increment())
			.flatMap((text) -> this.customerService.sendText(openId, text))
			.doOnError((ex) -> log.error("Could not deliver a late answer to citizen " + OpenIds.forLog(openId)
					+ " as a customer-service message", ex)));
	}

	/** A retry: the stored reply, once the first delivery has decided, or {@code success} at the deadline. */
	private Mono<String> awaitReply(String key, long deadline) {
		Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
		return this.redis.opsForValue()
			.get(key)
			.defaultIfEmpty(DONE + WebhookReplies.SUCCESS)
			.filter((value) -> !PENDING.equals(value))
			.repeatWhenEmpty((empties) -> empties.delayElements(POLL))
			.map((value) -> value.startsWith(DONE) ? value.substring(DONE.length()) : WebhookReplies.SUCCESS)
			.timeout(left, Mono.just(WebhookReplies.SUCCESS));
	}

}

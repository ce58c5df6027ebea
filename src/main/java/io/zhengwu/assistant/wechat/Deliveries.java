package io.zhengwu.assistant.wechat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.zhengwu.assistant.conversation.OpenIds;
import io.zhengwu.assistant.system.Meters;
import io.zhengwu.assistant.system.RedisScripts;
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
 * <p>The first delivery of a message claims {@code zw:wechat:delivery:{<openid>}:<id>} with SET NX
 * (value {@code pending}, for a lease just above the reply budget) and processes it. If the reply is
 * ready within the budget it is stored under that key and returned; otherwise {@code success} is
 * stored and returned and the reply goes out as a customer-service message when ready. A retry (on
 * any instance) finds the key: it waits, up to its own budget, for the stored reply and returns the
 * same reply, or {@code success} if none comes in time. So a message is processed once and the
 * citizen never gets its answer twice.
 *
 * <p>If the instance that claimed a message dies before deciding (crash, kill, out of memory), its
 * claim expires with the lease, soon after its budget: a retry waiting for the reply then finds the
 * key gone and claims it itself (the same atomic claim, so of several waiting retries, on any
 * instances, exactly one wins; the others wait for the winner's reply) and processes the message
 * with what is left of its own budget: in time, the passive reply; later, {@code success} and the
 * answer as a customer-service message. A retry arriving after the lease has expired simply claims.
 * So a dead instance no longer loses the citizen's message, as long as WeChat still retries.
 *
 * <p>A call that goes away while Redis runs its claim (WeChat dropped the connection, or the
 * instance is stopping and closed it) does not abandon the message: a won claim is processed and
 * its decision stored all the same, so the retry gets the reply instead of waiting out its budget
 * for a claim nobody works on.
 *
 * <p>An {@code unsubscribe} keeps nothing: its key is deleted once handled, so a retry of it (also
 * one that was waiting) claims it again and erases the citizen's data a second time, which finds
 * nothing left and is harmless.
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

	static final String PENDING = "pending";

	private static final String DONE = "done:";

	private static final String CLAIMED = "claimed";

	/**
	 * How much longer than its processing's reply budget a claim lives undecided: the lease is the
	 * budget plus this margin. The processing always decides within its budget (the reply, or
	 * {@code success} at the budget's end) and then stores the decision, replacing the lease; the
	 * margin covers the round trips to Redis, a late timer and a GC pause on a loaded instance, so a
	 * live instance never loses its claim. A claim outliving it belongs to an instance that died: a
	 * retry takes the message over. Longer would make a retry find the dead claim later (WeChat
	 * retries about 5 s after the first delivery, and each retry waits its own budget); shorter would
	 * risk a live but stalled instance's message being processed twice.
	 */
	static final Duration LEASE_MARGIN = Duration.ofSeconds(2);

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

	/** The claim and the reply store, run for every message. */
	private final RedisScripts commands;

	private final UnfinishedAnswers unfinished;

	private final MeterRegistry meters;

	/** Retries waiting now for another delivery's decision (a gauge). */
	private final AtomicInteger waiting = new AtomicInteger();

	Deliveries(ReactiveStringRedisTemplate redis, RedisScripts commands, CustomerServiceMessages customerService,
			UnfinishedAnswers unfinished, MeterRegistry meters, WechatProperties properties) {
		this.redis = redis;
		this.commands = commands;
		this.customerService = customerService;
		this.properties = properties;
		this.unfinished = unfinished;
		this.meters = meters;
		Gauge.builder(Meters.RETRIES_WAITING, this.waiting, AtomicInteger::get).strongReference(true).register(meters);
	}

	static String key(String openId, String deliveryId) {
		return KEY_PREFIX + "{" + openId + "}:" + deliveryId;
	}

	/** The citizen's index of delivery keys (a sorted set by the time each may expire). */
	static String indexKey(String openId) {
		return INDEX_PREFIX + "{" + openId + "}";
	}

	/** How long a claim lives undecided when its processing has the given reply budget. */
	static Duration lease(Duration budget) {
		return budget.plus(LEASE_MARGIN);
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
			Function<String, String> toXml) {
		Delivery delivery = new Delivery(key(openId, deliveryId), openId, remember, work, toXml);
		Duration budget = this.properties.replyBudget();
		long deadline = System.nanoTime() + budget.toNanos();
		// A claim that comes back late (Redis slow, or failing over) leaves its processing only what is
		// left of the budget: WeChat no longer waits for a passive reply after that.
		return claim(delivery, budget, () -> process(delivery, left(deadline))).flatMap((claim) -> {
			if (claim.processing() != null) {
				return claim.processing();
			}
			// answered already: the stored reply at once, else wait for it
			String stored = claim.stored();
			return stored.startsWith(DONE) ? Mono.just(deduplicated(delivery, stored)) : awaitReply(delivery, deadline);
		});
	}

	/**
	 * Claims the delivery for a processing with this budget, or reads what is stored. A won claim is
	 * processed even if the call has gone away (WeChat's connection dropped, or a stopping instance
	 * closed it) while Redis ran the claim: the claim is taken in Redis once the script has been
	 * sent, and a message claimed but never processed would make every retry within its lease wait
	 * out its budget and reply {@code success}, with no answer ever sent. So the claim's reply is
	 * heard, and the processing started, independently of the call — and a stopping instance waits
	 * for a claim on its way as for the processing it starts (which takes over before the claim is
	 * done), so it never stops between the two.
	 * @param processing starts the processing of a won claim (and returns its passive reply)
	 */
	private Mono<Claim> claim(Delivery delivery, Duration budget, Supplier<Mono<String>> processing) {
		Duration lease = lease(budget);
		return Mono.defer(() -> this.unfinished.run(this.commands
			.run(CLAIM, List.of(delivery.key(), indexKey(delivery.openId())),
					List.of(PENDING, Long.toString(lease.toMillis()), CLAIMED, Long.toString(System.currentTimeMillis()),
							Long.toString(lease.plus(this.properties.dedupeTtl()).toMillis())))
			.defaultIfEmpty(DONE + WebhookReplies.SUCCESS)
			.map((stored) -> CLAIMED.equals(stored) ? new Claim(processing.get(), null) : new Claim(null, stored))));
	}

	/** A retry not processed: the stored reply (or {@code success} when there is none), counted. */
	private String deduplicated(Delivery delivery, String stored) {
		if (log.isDebugEnabled()) {
			log.debug("Retry of a delivery for citizen " + OpenIds.forLog(delivery.openId()) + ": not processed again");
		}
		this.meters.counter(Meters.RETRIES_DEDUPLICATED).increment();
		return stored.startsWith(DONE) ? stored.substring(DONE.length()) : WebhookReplies.SUCCESS;
	}

	/**
	 * Starts processing a claimed delivery: its passive reply, decided and stored even if nobody
	 * waits for it. With no budget left the answer goes as a customer-service message, even if it is
	 * ready at once: a passive reply would go to a call WeChat has given up on.
	 */
	private Mono<String> process(Delivery delivery, Duration budget) {
		String openId = delivery.openId();
		// The answer runs on its own: neither the budget nor a dropped connection cancels it.
		CompletableFuture<String> answer = Mono.defer(delivery.work())
			.defaultIfEmpty("")
			.onErrorResume((ex) -> {
				log.error("Could not answer citizen " + OpenIds.forLog(openId) + "; sent an apology", ex);
				return Mono.just(WebhookReplies.APOLOGY);
			})
			.toFuture();
		Mono<String> inTime = budget.isZero() ? Mono.error(new TimeoutException("no reply budget left"))
				: Mono.fromFuture(answer, true).timeout(budget);
		Mono<String> outcome = inTime
			.map((text) -> text.isEmpty() ? WebhookReplies.SUCCESS : delivery.toXml().apply(text))
			.flatMap((xml) -> remember(delivery, xml).thenReturn(xml))
			.onErrorResume(TimeoutException.class, (ex) -> {
				deliverLater(openId, Mono.fromFuture(answer, true));
				return remember(delivery, WebhookReplies.SUCCESS).thenReturn(WebhookReplies.SUCCESS);
			});
		// Decide and store even if WeChat's connection goes away before the budget ends (or the
		// instance is stopping: shutdown waits for it).
		return this.unfinished.run(outcome.doOnError(
				(ex) -> log.error("Could not finish a delivery for citizen " + OpenIds.forLog(openId), ex)));
	}

	private Mono<Void> remember(Delivery delivery, String xml) {
		Mono<?> store = delivery.remember()
				? this.commands.set(delivery.key(), DONE + xml, this.properties.dedupeTtl())
				: this.redis.delete(delivery.key());
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

	/**
	 * A retry of a message claimed by another delivery: until its deadline it polls with the claim
	 * itself, so it reads the stored reply once the other has decided, or, if the other's claim has
	 * expired undecided, claims the message (one retry wins) and processes it with the time left.
	 * {@code success} at the deadline. The claim is never cut off by the deadline: a retry that has
	 * claimed always processes.
	 */
	private Mono<String> awaitReply(Delivery delivery, long deadline) {
		return Mono.delay(POLL)
			.then(Mono.defer(() -> claim(delivery, left(deadline), () -> takeOver(delivery, deadline))))
			.filter((claim) -> !PENDING.equals(claim.stored()))
			.repeatWhenEmpty((empties) -> empties.takeWhile((i) -> System.nanoTime() < deadline))
			.doOnSubscribe((subscription) -> this.waiting.incrementAndGet())
			.doFinally((signal) -> this.waiting.decrementAndGet())
			.defaultIfEmpty(new Claim(null, PENDING))
			.flatMap((claim) -> (claim.processing() != null) ? claim.processing()
					: Mono.just(deduplicated(delivery, claim.stored())));
	}

	private Mono<String> takeOver(Delivery delivery, long deadline) {
		log.warn("Took over a message of citizen " + OpenIds.forLog(delivery.openId())
				+ ": its claim ended with no reply stored (the instance processing it stopped before deciding,"
				+ " or it was an unsubscribe, which keeps none); processing it now");
		this.meters.counter(Meters.DELIVERY_TAKEOVERS).increment();
		return process(delivery, left(deadline));
	}

	private static Duration left(long deadline) {
		return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
	}

	/**
	 * What a claim found: the passive reply of the processing it started (when won), else the value
	 * another delivery stored.
	 */
	private record Claim(Mono<String> processing, String stored) {
	}

	/** One delivery of a message and how to process it. */
	private record Delivery(String key, String openId, boolean remember, Supplier<Mono<String>> work,
			Function<String, String> toXml) {
	}

}

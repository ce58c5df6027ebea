package io.zhengwu.assistant.handoff;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.zhengwu.assistant.wechat.CustomerServiceMessages;
import io.zhengwu.assistant.wechat.WechatApiException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Sends what the staff says to the citizen through WeChat's customer-service messages, within the
 * 48-hour window after the citizen's last message and its quota (5 messages). What cannot go now
 * (window closed, quota spent, WeChat refusing, network down after retries) is never dropped: its
 * line shows why in the console and it waits for the citizen's next message, when the waiting
 * answers go out combined into as few messages as fit.
 */
class ReplyDelivery {

	static final int MAX_BYTES = 2000;

	private static final Log log = LogFactory.getLog(ReplyDelivery.class);

	private static final int WINDOW_CLOSED = 45015;

	private static final int QUOTA_SPENT = 45047;

	private final HandoffStore store;

	private final CustomerServiceMessages messages;

	private final HandoffEvents events;

	private final HandoffProperties properties;

	private final Clock clock;

	private final Duration retryBackoff;

	ReplyDelivery(HandoffStore store, CustomerServiceMessages messages, HandoffEvents events,
			HandoffProperties properties, Clock clock, Duration retryBackoff) {
		this.store = store;
		this.messages = messages;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
		this.retryBackoff = retryBackoff;
	}

	/**
	 * Delivers one transcript line to the citizen; completes with the line's delivery status once
	 * it is sent or set aside to wait.
	 */
	Mono<String> deliver(String openId, String chatId, int index, String text) {
		return this.store.setDelivery(chatId, index, "sending")
			.then(send(openId, text))
			.onErrorResume(Undelivered.class,
					(ex) -> this.store.addPending(openId, new HandoffStore.PendingReply(chatId, index, text), keep())
						.thenReturn("waiting: " + ex.getMessage()))
			.flatMap((status) -> this.store.setDelivery(chatId, index, status)
				.then(this.events.publish("delivery", chatId, ""))
				.thenReturn(status));
	}

	/**
	 * The citizen wrote, so the window is open again: sends the answers that waited, behind the
	 * "an answer is waiting" notice, combined into as few messages as fit.
	 */
	Mono<Void> deliverWaiting(String openId, String notice) {
		return this.store.takePending(openId).collectList().flatMap((waiting) -> {
			if (waiting.isEmpty()) {
				return Mono.empty();
			}
			List<String> texts = new ArrayList<>();
			texts.add(notice);
			waiting.forEach((reply) -> texts.add(reply.text()));
			List<String> batches = combine(texts);
			return reactor.core.publisher.Flux.fromIterable(batches)
				.concatMap((batch) -> send(openId, batch).map((status) -> true))
				.then(markAll(waiting, "sent"))
				.onErrorResume(Undelivered.class, (ex) -> reactor.core.publisher.Flux.fromIterable(waiting)
					.concatMap((reply) -> this.store.addPending(openId, reply, keep()))
					.then(markAll(waiting, "waiting: " + ex.getMessage())));
		});
	}

	private Mono<Void> markAll(List<HandoffStore.PendingReply> replies, String status) {
		return reactor.core.publisher.Flux.fromIterable(replies)
			.concatMap((reply) -> this.store.setDelivery(reply.chatId(), reply.index(), status)
				.then(this.events.publish("delivery", reply.chatId(), "")))
			.then();
	}

	/** Joins short texts into messages of at most {@link #MAX_BYTES} UTF-8 bytes (WeChat's limit is 2048). */
	static List<String> combine(List<String> texts) {
		List<String> batches = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String text : texts) {
			String candidate = (current.length() == 0) ? text : current + "\n\n" + text;
			if (bytes(candidate) <= MAX_BYTES || current.length() == 0) {
				current = new StringBuilder(candidate);
			}
			else {
				batches.add(current.toString());
				current = new StringBuilder(text);
			}
		}
		if (current.length() > 0) {
			batches.add(current.toString());
		}
		return batches;
	}

	private static int bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

	/** Reserves quota and sends; fails with {@link Undelivered} saying why it did not go. */
	private Mono<String> send(String openId, String text) {
		return this.store
			.reserveMessage(openId, this.clock.millis(), this.properties.window(), this.properties.quotaPerWindow())
			.flatMap((left) -> {
				if (left == -1) {
					return Mono.error(new Undelivered("window closed, sent when the citizen writes again"));
				}
				if (left == -2) {
					return Mono.error(new Undelivered("quota spent, sent when the citizen writes again"));
				}
				return this.messages.sendText(openId, text)
					.retryWhen(Retry.backoff(this.properties.sendAttempts() - 1L, this.retryBackoff)
						.filter((ex) -> !(ex instanceof WechatApiException))
						.onRetryExhaustedThrow((spec, signal) -> signal.failure()))
					.thenReturn("sent")
					.onErrorResume(WechatApiException.class, (ex) -> refused(openId, ex))
					.onErrorResume((ex) -> !(ex instanceof Undelivered), (ex) -> {
						log.warn("Customer-service message not sent after " + this.properties.sendAttempts()
								+ " attempts: " + ex.getMessage());
						return Mono.error(new Undelivered("network error (" + ex.getClass().getSimpleName()
								+ "), sent when the citizen writes again"));
					});
			});
	}

	private Mono<String> refused(String openId, WechatApiException ex) {
		log.warn("WeChat refused a customer-service message: " + ex.getMessage());
		if (ex.errorCode() == WINDOW_CLOSED) {
			return this.store.windowClosed(openId)
				.then(Mono.error(new Undelivered("window closed (WeChat 45015), sent when the citizen writes again")));
		}
		if (ex.errorCode() == QUOTA_SPENT) {
			return this.store.quotaSpent(openId, this.properties.quotaPerWindow())
				.then(Mono.error(new Undelivered("quota spent (WeChat 45047), sent when the citizen writes again")));
		}
		return Mono.error(new Undelivered(
				"WeChat error " + ex.errorCode() + ", sent again when the citizen writes again"));
	}

	private Duration keep() {
		return this.properties.retention();
	}

	/** Why a message did not go now; it waits for the citizen's next message. */
	static final class Undelivered extends RuntimeException {

		Undelivered(String why) {
			super(why, null, false, false);
		}

	}

}

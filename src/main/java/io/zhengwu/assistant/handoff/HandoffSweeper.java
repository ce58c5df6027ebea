package io.zhengwu.assistant.handoff;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

import io.zhengwu.assistant.knowledge.Language;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The hand-off's periodic work: re-reads the roster when it changes,
 * tells a citizen whose chat nobody claimed within the time-out that it is still queued (once,
 * whichever instance notices first), and deletes closed chats older than the retention, and chats
 * nobody ended within the retention after their hand-off (queued or with an officer for good: an
 * officer who left, a citizen who went away).
 *
 * <p>Stopping ends the ticking, not a round already running: that one runs to its end and shutdown
 * waits for it ({@link UnfinishedActions}). Cut off, a round could mark a chat's citizen as told
 * and never tell them, or leave the notice {@code sending} after WeChat took it.
 */
class HandoffSweeper implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(HandoffSweeper.class);

	private final HandoffStore store;

	private final DutyRoster roster;

	private final HandoffTexts texts;

	private final ReplyDelivery delivery;

	private final HandoffProperties properties;

	private final Clock clock;

	private final UnfinishedActions unfinished;

	private volatile Disposable ticking;

	HandoffSweeper(HandoffStore store, DutyRoster roster, HandoffTexts texts, ReplyDelivery delivery,
			HandoffProperties properties, Clock clock, UnfinishedActions unfinished) {
		this.unfinished = unfinished;
		this.store = store;
		this.roster = roster;
		this.texts = texts;
		this.delivery = delivery;
		this.properties = properties;
		this.clock = clock;
	}

	/** One round of the periodic work. */
	Mono<Void> sweep() {
		return Mono.fromRunnable(this.roster::reloadIfChanged).subscribeOn(Schedulers.boundedElastic()).then(notifyUnclaimed()).then(deleteExpired().then());
	}

	/** Tells each citizen whose chat waited longer than the time-out during duty hours, once. */
	Mono<Void> notifyUnclaimed() {
		long now = this.clock.millis();
		if (!this.roster.isOpen(this.clock.instant())) {
			return Mono.empty();
		}
		long cutoff = now - this.properties.claimTimeout().toMillis();
		return this.store.queue()
			.concatMap((chatId) -> this.store.chat(chatId).map((chat) -> new Object[] { chatId, chat }))
			.filter((pair) -> Long.parseLong(chat(pair).getOrDefault("queuedAt", "0")) <= cutoff)
			.concatMap((pair) -> this.store.setFieldIfAbsent((String) pair[0], "timeoutNotified", Long.toString(now))
				.filter(Boolean::booleanValue)
				.flatMap((first) -> tell((String) pair[0], chat(pair), now)))
			.then();
	}

	@SuppressWarnings("unchecked")
	private static java.util.Map<String, String> chat(Object[] pair) {
		return (java.util.Map<String, String>) pair[1];
	}

	private Mono<String> tell(String chatId, java.util.Map<String, String> chat, long now) {
		Language language = Language.fromCode(chat.getOrDefault("language", "zh"));
		return this.store.position(chatId).flatMap((position) -> {
			String text = this.texts.notClaimedYet(language, position);
			return this.store
				.append(chatId, new TranscriptEntry(0, now, "system", "", text, "", List.of(), "sending"))
				.flatMap((index) -> this.delivery.deliver(chat.get("openId"), chatId, index, text));
		});
	}

	/**
	 * Deletes chats closed longer ago than the retention or handed off longer ago and never ended,
	 * and old audit records; returns how many chats.
	 */
	Mono<Long> deleteExpired() {
		long cutoff = this.clock.millis() - this.properties.retention().toMillis();
		return Flux.concat(this.store.closedBefore(cutoff), this.store.openBefore(cutoff))
			.concatMap(this::delete)
			.count()
			.flatMap((deleted) -> this.store.forgetAuditBefore(cutoff).thenReturn(deleted));
	}

	/**
	 * Deletes a chat with the officer's and the citizen's pointers to it (a closed chat's are gone
	 * already, or point to a newer chat, and stay).
	 */
	private Mono<String> delete(String chatId) {
		return this.store.chat(chatId).defaultIfEmpty(Map.of()).flatMap((chat) -> {
			String openId = chat.get("openId");
			String officer = chat.get("officer");
			return ((officer != null) ? this.store.forgetOfficerChat(officer, chatId) : Mono.<Void>empty())
				.then((openId != null) ? this.store.clearActive(openId, chatId) : Mono.<Void>empty())
				.then(this.store.deleteChat(chatId, openId))
				.thenReturn(chatId);
		});
	}

	@Override
	public void start() {
		this.ticking = Flux.interval(java.time.Duration.ZERO, this.properties.sweepInterval())
			.onBackpressureDrop()
			.concatMap((tick) -> this.unfinished.run(sweep().onErrorResume((ex) -> {
				log.warn("Hand-off sweep failed, trying again next round: " + ex.getMessage());
				return Mono.empty();
			})), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable current = this.ticking;
		if (current != null) {
			current.dispose();
		}
		this.ticking = null;
	}

	@Override
	public boolean isRunning() {
		return this.ticking != null;
	}

}

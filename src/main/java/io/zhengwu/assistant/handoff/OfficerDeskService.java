package io.zhengwu.assistant.handoff;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.zhengwu.assistant.knowledge.Language;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The officers' side of the hand-off; every action goes into the audit.
 *
 * <p>An action runs to its end even if the officer's browser goes away meanwhile (tab closed,
 * network lost, a stopping instance closing the connection): its steps (the change in Redis, the
 * audit, the transcript line, the event, a message to the citizen and its delivery status) are
 * otherwise cut off where the request is cancelled, e.g. a reply sent to the citizen but shown as
 * {@code sending} for good, or a chat claimed that no other console hears of.
 */
class OfficerDeskService implements OfficerDesk {

	private static final Log log = LogFactory.getLog(OfficerDeskService.class);

	private final HandoffStore store;

	private final HandoffMetrics metrics;

	private final DutyRoster roster;

	private final HandoffTexts texts;

	private final ReplyDelivery delivery;

	private final HandoffEvents events;

	private final HandoffProperties properties;

	private final Clock clock;

	private final UnfinishedActions unfinished;

	OfficerDeskService(HandoffStore store, DutyRoster roster, HandoffTexts texts, ReplyDelivery delivery,
			HandoffEvents events, HandoffProperties properties, Clock clock, HandoffMetrics metrics,
			UnfinishedActions unfinished) {
		this.unfinished = unfinished;
		this.metrics = metrics;
		this.store = store;
		this.roster = roster;
		this.texts = texts;
		this.delivery = delivery;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public Flux<ChatView> queue() {
		return this.store.queue().concatMap(this::chat);
	}

	@Override
	public Flux<ChatView> chatsOf(String officer) {
		return this.store.chatsOf(officer).concatMap(this::chat).sort((a, b) -> Long.compare(a.queuedAt(), b.queuedAt()));
	}

	@Override
	public Flux<ChatView> followUps() {
		return this.store.followUps().concatMap(this::chat);
	}

	@Override
	public Flux<ChatView> recentlyClosed(int count) {
		return this.store.recentlyClosed(count).concatMap(this::chat);
	}

	@Override
	public Mono<ChatView> chat(String chatId) {
		return this.store.chat(chatId).flatMap((chat) -> {
			String openId = chat.get("openId");
			return Mono.zip(this.store.position(chatId), this.store.window(openId), this.store.pendingCount(openId))
				.map((t) -> view(chatId, chat, t.getT1(), t.getT2(), t.getT3()));
		});
	}

	private ChatView view(String chatId, Map<String, String> chat, long position, Map<String, String> window,
			long pending) {
		long now = this.clock.millis();
		long closesAt = 0;
		int quotaLeft = 0;
		if (window.containsKey("last")) {
			long candidate = Long.parseLong(window.get("last")) + this.properties.window().toMillis();
			if (candidate > now) {
				closesAt = candidate;
				quotaLeft = Math.max(0,
						this.properties.quotaPerWindow() - Integer.parseInt(window.getOrDefault("used", "0")));
			}
		}
		return new ChatView(chatId, chat.getOrDefault("citizen", ""), chat.getOrDefault("language", "zh"),
				chat.getOrDefault("reason", ""), ChatState.valueOf(chat.get("state")), chat.getOrDefault("officer", ""),
				Long.parseLong(chat.getOrDefault("queuedAt", "0")), position,
				Boolean.parseBoolean(chat.getOrDefault("offHours", "false")), closesAt, quotaLeft, (int) pending,
				chat.getOrDefault("outcome", ""), chat.getOrDefault("rating", ""), chat.getOrDefault("followUp", ""));
	}

	@Override
	public Flux<TranscriptEntry> transcript(String chatId) {
		return this.store.transcript(chatId);
	}

	@Override
	public Mono<Boolean> claim(String chatId, String officer) {
		long now = this.clock.millis();
		return toTheEnd("claim", () -> this.store.claim(chatId, officer, now).flatMap((won) -> won
				? act(officer, "claim", chatId, "", now).then(this.metrics.claimed(chatId, now))
					.then(this.events.publish("claimed", chatId, officer))
					.thenReturn(true)
				: Mono.just(false)));
	}

	@Override
	public Mono<Void> release(String chatId, String officer) {
		long now = this.clock.millis();
		return toTheEnd("release", () -> this.store.release(chatId, officer)
			.flatMap((done) -> done ? act(officer, "release", chatId, "", now) : refused(chatId))
			.then(this.events.publish("released", chatId, officer)));
	}

	@Override
	public Mono<Void> transfer(String chatId, String officer, String toOfficer) {
		long now = this.clock.millis();
		if (toOfficer == null || toOfficer.isBlank() || toOfficer.equals(officer)) {
			return Mono.error(new HandoffRefusedException("请选择另一位值班员来转交"));
		}
		return toTheEnd("transfer", () -> this.store.transfer(chatId, officer, toOfficer)
			.flatMap((done) -> done ? act(officer, "transfer", chatId, "to " + toOfficer, now) : refused(chatId))
			.then(this.events.publish("transferred", chatId, toOfficer)));
	}

	@Override
	public Mono<TranscriptEntry> reply(String chatId, String officer, String text) {
		long now = this.clock.millis();
		if (text == null || text.isBlank()) {
			return Mono.error(new HandoffRefusedException("回复内容是空的"));
		}
		String reply = text.strip();
		return toTheEnd("reply", () -> this.store.chat(chatId)
			.switchIfEmpty(Mono.error(new HandoffRefusedException("这个对话已不存在")))
			.flatMap((chat) -> {
				boolean theirs = ChatState.WITH_OFFICER.name().equals(chat.get("state"))
						&& officer.equals(chat.get("officer"));
				boolean followingUp = chat.containsKey("followUp");
				if (!theirs && !followingUp) {
					return Mono.error(new HandoffRefusedException(
							"只有接单的值班员能回复这个对话（列入待跟进后，任何值班员都可回复）"));
				}
				TranscriptEntry line = new TranscriptEntry(0, now, "officer", officer, reply, "", List.of(), "sending");
				return this.store.append(chatId, line)
					.flatMap((index) -> act(officer, "reply", chatId, "", now)
						.then(this.events.publish("reply", chatId, officer))
						.then(this.delivery.deliver(chat.get("openId"), chatId, index, reply))
						.doOnSuccess((status) -> this.metrics.officerReplied())
						.map((status) -> line.withIndexAndDelivery(index, status)));
			}));
	}

	@Override
	public Mono<Void> close(String chatId, String officer, String outcome) {
		long now = this.clock.millis();
		String noted = (outcome != null) ? outcome.strip() : "";
		return toTheEnd("close", () -> this.store.chat(chatId)
			.switchIfEmpty(Mono.error(new HandoffRefusedException("这个对话已不存在")))
			.flatMap((chat) -> this.store.end(chatId, officer, now, ChatState.RATING, noted, officer)
				.flatMap((done) -> done ? Mono.just(chat) : refused(chatId)))
			.flatMap((chat) -> {
				String openId = chat.get("openId");
				Language language = Language.fromCode(chat.getOrDefault("language", "zh"));
				String goodbye = this.texts.endedAndRate(language);
				return act(officer, "close", chatId, noted, now)
					.then(this.store.expireActive(openId, HandoffService.RATING_WAIT))
					.then(this.store.append(chatId, new TranscriptEntry(0, now, "system", "", goodbye, "", List.of(), "sending")))
					.flatMap((index) -> this.delivery.deliver(openId, chatId, index, goodbye))
					.then(this.events.publish("closed", chatId, officer));
			}));
	}

	@Override
	public Mono<Void> markFollowUp(String chatId, String officer, String why) {
		long now = this.clock.millis();
		String reason = (why == null || why.isBlank()) ? "marked by " + officer : why.strip();
		return toTheEnd("follow-up", () -> this.store.chat(chatId)
			.switchIfEmpty(Mono.error(new HandoffRefusedException("这个对话已不存在")))
			.then(this.store.markFollowUp(chatId, reason, now))
			.then(act(officer, "follow-up", chatId, reason, now))
			.then(this.events.publish("follow-up", chatId, officer)));
	}

	@Override
	public Mono<Void> clearFollowUp(String chatId, String officer) {
		long now = this.clock.millis();
		return toTheEnd("followed-up", () -> this.store.clearFollowUp(chatId)
			.then(act(officer, "followed-up", chatId, "", now))
			.then(this.events.publish("follow-up", chatId, officer)));
	}

	@Override
	public Mono<Void> setAvailable(String officer, boolean available) {
		long now = this.clock.millis();
		return toTheEnd("availability", () -> this.store.setPresence(officer, available)
			.then(act(officer, "availability", "", available ? "available" : "away", now))
			.then(this.events.publish("presence", "", officer)));
	}

	@Override
	public Mono<DeskStatus> status(String officer) {
		java.time.Instant now = this.clock.instant();
		Set<String> onDuty = this.roster.officersOnDuty(now);
		return Mono.zip(this.store.presence(), this.store.queueLength()).map((t) -> {
			Map<String, String> presence = t.getT1();
			Set<String> available = new TreeSet<>();
			onDuty.stream().filter((name) -> !"away".equals(presence.get(name))).forEach(available::add);
			presence.forEach((name, state) -> {
				if ("available".equals(state)) {
					available.add(name);
				}
			});
			String error = this.roster.lastError();
			return new DeskStatus(this.roster.isOpen(now), new ArrayList<>(new TreeSet<>(onDuty)),
					new ArrayList<>(available), available.contains(officer), this.roster.hoursText(Language.ZH),
					(error != null) ? error : "", t.getT2());
		});
	}

	@Override
	public Flux<AuditRecord> auditLog(int count) {
		return this.store.auditLog(count);
	}

	@Override
	public Flux<HandoffEvent> events() {
		return this.events.events();
	}

	/**
	 * Runs an action to its end independently of the request that asked for it (see the class
	 * comment); shutdown waits for it. Its outcome goes to the request while that still listens.
	 */
	private <T> Mono<T> toTheEnd(String action, Supplier<Mono<T>> steps) {
		return Mono.defer(() -> this.unfinished.run(Mono.defer(steps).doOnError(
				(ex) -> !(ex instanceof HandoffRefusedException),
				(ex) -> log.warn("An officer's " + action + " did not finish: " + ex.getMessage()))));
	}

	private Mono<Void> act(String officer, String action, String chatId, String detail, long now) {
		Mono<Void> audit = this.store.audit(new AuditRecord(now, officer, action, chatId, detail));
		if (chatId.isEmpty()) {
			return audit;
		}
		String text = detail.isEmpty() ? action : action + ": " + detail;
		return audit.then(this.store.append(chatId, HandoffService.line("action", officer, text, now))).then();
	}

	private static <T> Mono<T> refused(String chatId) {
		return Mono.error(new HandoffRefusedException("这个对话现在不归您处理：已由其他值班员接单，或已结束"));
	}

}

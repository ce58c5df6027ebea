package io.zhengwu.assistant.handoff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.zhengwu.assistant.knowledge.Language;
import reactor.core.publisher.Mono;

/**
 * The hand-off as the dialogue sees it: hands a chat to the staff, and takes the citizen's
 * messages while the chat is with them (queued, with an officer, or being rated).
 */
class HandoffService implements Escalations {

	private static final Log log = LogFactory.getLog(HandoffService.class);

	/** How long a closed chat waits for its rating before the next message goes to the bot again. */
	static final Duration RATING_WAIT = Duration.ofHours(48);

	private final HandoffStore store;

	private final HandoffMetrics metrics;

	private final DutyRoster roster;

	private final HandoffTexts texts;

	private final ReplyDelivery delivery;

	private final HandoffEvents events;

	private final HandoffProperties properties;

	private final Clock clock;

	private final OfficerNotices notices;

	private final UnfinishedActions unfinished;

	HandoffService(HandoffStore store, DutyRoster roster, HandoffTexts texts, ReplyDelivery delivery,
			HandoffEvents events, HandoffProperties properties, Clock clock, HandoffMetrics metrics,
			OfficerNotices notices, UnfinishedActions unfinished) {
		this.unfinished = unfinished;
		this.notices = notices;
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
	public Mono<String> takeIfHandedOff(String openId, Language language, String text, String messageType) {
		long now = this.clock.millis();
		// One round trip for every message; more only for a citizen in a hand-off or with answers waiting.
		return citizenWrote(openId, language, now)
			.map(HandoffStore.Written::activeChatId)
			.filter((chatId) -> !chatId.isEmpty())
			.flatMap((chatId) -> this.store.chat(chatId)
				.flatMap((chat) -> take(openId, chatId, chat, language, text, messageType, now))
				.switchIfEmpty(Mono.defer(() -> this.store.clearActive(openId).then(Mono.empty()))));
	}

	@Override
	public Mono<Void> citizenActive(String openId, Language language) {
		return citizenWrote(openId, language, this.clock.millis()).then();
	}

	/** Reopens the citizen's window; answers that waited for it go out. */
	private Mono<HandoffStore.Written> citizenWrote(String openId, Language language, long now) {
		return this.store.citizenWroteAndActive(openId, now, this.properties.window()).doOnNext((written) -> {
			if (written.answersWaiting()) {
				deliverWaitingAnswers(openId, language);
			}
		});
	}

	/**
	 * Waiting officer answers go out now that the window is open again, apart from this reply; a
	 * stopping instance waits for them (they are taken off the waiting list before they are sent).
	 */
	private void deliverWaitingAnswers(String openId, Language language) {
		this.unfinished.run(this.delivery.deliverWaiting(openId, this.texts.answerWaiting(language))
			.doOnError((ex) -> log.error("Waiting answers for citizen " + pseudonym(openId)
					+ " stay waiting: " + ex.getMessage(), ex)));
	}

	private Mono<String> take(String openId, String chatId, Map<String, String> chat, Language language, String text,
			String messageType, long now) {
		ChatState state = ChatState.valueOf(chat.get("state"));
		Language chatLanguage = language;
		return switch (state) {
			case QUEUED -> CitizenWords.isEnd(text) ? endByCitizen(openId, chatId, ChatState.CLOSED, now)
				.then(this.store.clearActive(openId))
				.thenReturn(this.texts.ended(chatLanguage))
					: citizenLine(chatId, text, messageType, now).then(queuedReply(chatId, chatLanguage));
			case WITH_OFFICER -> CitizenWords.isEnd(text)
					? endByCitizen(openId, chatId, ChatState.RATING, now).thenReturn(this.texts.endedAndRate(chatLanguage))
					: citizenLine(chatId, text, messageType, now).thenReturn("");
			case RATING -> rate(openId, chatId, text, language, now);
			case CLOSED -> this.store.clearActive(openId).then(Mono.empty());
		};
	}

	private Mono<Void> endByCitizen(String openId, String chatId, ChatState next, long now) {
		return this.store.end(chatId, "", now, next, "", "citizen")
			.then(this.store.append(chatId, line("action", "", "ended by the citizen", now)))
			.then(this.store.expireActive(openId, RATING_WAIT))
			.then(this.events.publish("closed", chatId, ""));
	}

	private Mono<String> rate(String openId, String chatId, String text, Language language, long now) {
		return CitizenWords.rating(text)
			.map((rating) -> this.store.setField(chatId, "rating", rating)
				.then(this.store.setField(chatId, "state", ChatState.CLOSED.name()))
				.then(this.store.append(chatId, line("action", "", "rated by the citizen: " + rating, now)))
				.doOnSuccess((done) -> this.metrics.rated(rating))
				.then("bad".equals(rating) ? this.store.markFollowUp(chatId, "bad rating", now) : Mono.empty())
				.then(this.store.clearActive(openId))
				.then(this.events.publish("rated", chatId, ""))
				.thenReturn(this.texts.ratingThanks(language, rating)))
			.orElseGet(() -> this.store.setField(chatId, "state", ChatState.CLOSED.name())
				.then(this.store.clearActive(openId))
				.then(Mono.empty()));
	}

	private Mono<Void> citizenLine(String chatId, String text, String messageType, long now) {
		String shown = (text != null && !text.isBlank()) ? text : "[" + messageType + "]";
		return this.store.append(chatId, line("citizen", "", shown, now))
			.then(this.events.publish("message", chatId, ""));
	}

	@Override
	public Mono<String> escalate(String openId, Language language, EscalationReason reason, String lastMessage) {
		long now = this.clock.millis();
		boolean open = this.roster.isOpen(this.clock.instant());
		String chatId = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("openId", openId);
		fields.put("citizen", pseudonym(openId));
		fields.put("language", language.code());
		fields.put("reason", reason.name());
		fields.put("state", ChatState.QUEUED.name());
		fields.put("queuedAt", Long.toString(now));
		fields.put("offHours", Boolean.toString(!open));
		return this.store.citizenWrote(openId, now, this.properties.window())
			.then(this.store.enqueue(chatId, openId, now, fields))
			.flatMap((id) -> id.equals(chatId) ? started(openId, chatId, reason, lastMessage, now)
					.then(this.store.position(chatId))
					.map((position) -> open ? this.texts.started(language, position, waitMinutes(position))
							: this.texts.offHours(language))
					: queuedReply(id, language));
	}

	/**
	 * What a citizen already queued is told when they write again: their place, or — outside the
	 * duty hours, when nobody will come for hours — the hours again rather than "a moment, please".
	 */
	private Mono<String> queuedReply(String chatId, Language language) {
		if (!this.roster.isOpen(this.clock.instant())) {
			return Mono.just(this.texts.offHours(language));
		}
		return this.store.position(chatId).map((position) -> this.texts.waiting(language, position));
	}

	private Mono<Void> started(String openId, String chatId, EscalationReason reason, String lastMessage, long now) {
		return this.store.recentBotExchanges(openId)
			.concatMap((exchange) -> this.store.append(chatId, exchange))
			.then(this.store.forgetBotExchanges(openId))
			.then(this.store.append(chatId, line("action", "", "handed over: " + reason.name(), now)))
			.then((lastMessage != null && !lastMessage.isBlank())
					? this.store.append(chatId, line("citizen", "", lastMessage, now)) : Mono.empty())
			.then(this.events.publish("queued", chatId, ""))
			.doOnSuccess((published) -> this.notices.chatQueued(reason));
	}

	private long waitMinutes(long position) {
		int officers = Math.max(1, this.roster.officersOnDuty(this.clock.instant()).size());
		return Math.max(1, (position * this.properties.minutesPerChat() + officers - 1) / officers);
	}

	@Override
	public Mono<Void> recordBotExchange(String openId, Language language, String question, String reply,
			List<String> guidesTried) {
		TranscriptEntry entry = new TranscriptEntry(0, this.clock.millis(), "bot", "", reply, question, guidesTried, "");
		return this.store.rememberBotExchange(openId, entry);
	}

	static TranscriptEntry line(String from, String who, String text, long at) {
		return new TranscriptEntry(0, at, from, who, text, "", List.of(), "");
	}

	/** A short, stable pseudonym of a citizen, for the console and logs: never the openid itself. */
	static String pseudonym(String openId) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(openId.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 4);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}

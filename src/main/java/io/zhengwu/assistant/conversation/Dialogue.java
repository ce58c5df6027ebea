package io.zhengwu.assistant.conversation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.micrometer.core.instrument.MeterRegistry;
import io.zhengwu.assistant.handoff.EscalationReason;
import io.zhengwu.assistant.handoff.Escalations;
import io.zhengwu.assistant.knowledge.KnowledgeAdmin;
import io.zhengwu.assistant.knowledge.KnowledgeSearch;
import io.zhengwu.assistant.knowledge.Language;
import io.zhengwu.assistant.knowledge.SearchResult;
import io.zhengwu.assistant.system.Meters;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The dialogue rules. Language: the citizen's preference if set, else the script they wrote in.
 * A message first passes the rate limit, then goes to the staff if the chat is handed off; else
 * small talk gets a friendly reply, a request for a person is handed off, a number picks a pending
 * choice (with none to pick, it gets the topics), and anything else is searched: one clear guide is
 * answered, a few close ones are offered as numbered choices, none gets the not-found reply — and
 * the second not-found in a row goes to a person.
 */
@Component
class Dialogue implements Conversation {

	private static final Log log = LogFactory.getLog(Dialogue.class);

	/** How many close guides are remembered as numbered choices: as many as the choice text shows. */
	private static final int MAX_CHOICES = 3;

	private final KnowledgeSearch knowledge;

	private final KnowledgeAdmin admin;

	private final Scheduler searchScheduler;

	private final CitizenSessions sessions;

	private final RateLimit rateLimit;

	private final Escalations escalations;

	private final MeterRegistry meters;

	Dialogue(KnowledgeSearch knowledge, KnowledgeAdmin admin, CitizenSessions sessions, RateLimit rateLimit,
			Escalations escalations, MeterRegistry meters, Scheduler knowledgeSearchScheduler) {
		this.searchScheduler = knowledgeSearchScheduler;
		this.admin = admin;
		this.knowledge = knowledge;
		this.sessions = sessions;
		this.rateLimit = rateLimit;
		this.escalations = escalations;
		this.meters = meters;
	}

	@Override
	public Mono<String> onText(String openId, String text, String choiceId) {
		return admitted(openId, (session) -> {
			String question = text.strip();
			Optional<Language> switched = Phrases.languageSwitch(question);
			if (switched.isPresent()) {
				return interacted(openId, switched.get()).then(switchLanguage(openId, session, switched.get()));
			}
			Language language = languageOf(session, question);
			return handedOff(openId, language, question, "text")
				.switchIfEmpty(Mono.defer(() -> bot(openId, session, language, question, choiceId)));
		});
	}

	@Override
	public Mono<String> onVoice(String openId, String recognition) {
		if (recognition != null && !recognition.isBlank()) {
			return admitted(openId, (session) -> {
				String question = recognition.strip();
				Language language = languageOf(session, question);
				return handedOff(openId, language, question, "voice")
					.switchIfEmpty(Mono.defer(() -> bot(openId, session, language, question, "")));
			});
		}
		return needsAPerson(openId, "voice", "voice_needs_text");
	}

	@Override
	public Mono<String> onMedia(String openId, String messageType) {
		if ("image".equals(messageType)) {
			return needsAPerson(openId, messageType, "media_unsupported");
		}
		return admitted(openId, (session) -> handedOff(openId, languageOf(session, ""), "", messageType)
			.switchIfEmpty(Mono.fromSupplier(() -> bilingual("media_unsupported", languageOf(session, "")))));
	}

	@Override
	public Mono<String> onSubscribe(String openId) {
		// The welcome is written in both languages (the citizen has not written yet).
		return Mono.fromSupplier(() -> this.knowledge.reply("welcome", Language.ZH, Map.of()));
	}

	@Override
	public Mono<String> onMenuClick(String openId, String eventKey) {
		String key = (eventKey != null) ? eventKey.strip() : "";
		return this.sessions.load(openId).flatMap((session) -> {
			Language language = languageOf(session, "");
			return interacted(openId, language).then(switch (key) {
				case MenuKeys.MENU_TOPICS -> Mono.fromSupplier(() -> this.knowledge.reply("topics", language, Map.of()));
				case MenuKeys.MENU_LANG_ZH -> switchLanguage(openId, session, Language.ZH);
				case MenuKeys.MENU_LANG_BO -> switchLanguage(openId, session, Language.BO);
				case MenuKeys.MENU_HUMAN -> escalate(openId, session, language, EscalationReason.ASKED_FOR_PERSON,
						"[menu]");
				default -> key.startsWith(MenuKeys.MENU_GUIDE_PREFIX)
						? answerGuide(openId, session, language, key.substring(MenuKeys.MENU_GUIDE_PREFIX.length()),
								"[menu]")
						: Mono.empty();
			});
		});
	}

	/**
	 * A menu click or a language switch: WeChat counts it as the citizen's interaction, so the
	 * hand-off's 48-hour window reopens and officer answers waiting for it go out (a message does
	 * this through {@link #handedOff}). Never fails the reply.
	 */
	private Mono<Void> interacted(String openId, Language language) {
		return this.escalations.citizenActive(openId, language).onErrorResume((ex) -> {
			log.warn("Could not reopen the customer-service window of citizen " + OpenIds.forLog(openId) + ": " + ex);
			return Mono.empty();
		});
	}

	/**
	 * Runs {@code work} with the citizen's session if the citizen is within the rate limit; else
	 * the notice once, then nothing. Counting and loading the session take one round trip.
	 */
	private Mono<String> admitted(String openId, java.util.function.Function<CitizenSession, Mono<String>> work) {
		return this.rateLimit.admitWithSession(openId).flatMap((admitted) -> switch (admitted.admission()) {
			case ADMIT -> Mono.defer(() -> work.apply(admitted.session()));
			case NOTICE -> {
				log.info("Citizen " + OpenIds.forLog(openId) + " is over the rate limit");
				yield Mono.fromSupplier(() -> bilingual("rate_limited", languageOf(admitted.session(), "")));
			}
			case DROP -> Mono.empty();
		});
	}

	private Mono<String> bot(String openId, CitizenSession asLoaded, Language language, String question,
			String choiceId) {
		CitizenSession session = asLoaded.spoke(language);
		if (Phrases.asksForTopics(question)) {
			return topics(openId, language, question);
		}
		if (Phrases.asksForPerson(question)) {
			return escalate(openId, session, language, EscalationReason.ASKED_FOR_PERSON, question);
		}
		Optional<String> picked = pickedGuide(session, question, choiceId);
		if (picked.isPresent()) {
			return answerGuide(openId, session, language, picked.get(), question);
		}
		if (Phrases.choiceNumber(question).isPresent()) {
			// a number with no choice pending to pick: what can be asked — not a question nobody
			// answers (which would count toward a hand-off and go to the editors' list)
			return topics(openId, language, question);
		}
		Optional<String> smallTalk = this.knowledge.smallTalkReply(question, language);
		if (smallTalk.isPresent()) {
			answered("smalltalk", language);
			return recorded(Mono.empty(), openId, language, question, smallTalk.get(), List.of());
		}
		// a question asked recently is answered from memory on this thread; others are searched apart
		Mono<SearchResult> searched = this.knowledge.rememberedResult(question, language)
			.map(Mono::just)
			.orElseGet(() -> Mono.fromCallable(() -> this.knowledge.search(question, language))
				.subscribeOn(this.searchScheduler));
		return searched.flatMap((result) -> answer(openId, session, language, question, result));
	}

	/** What can be asked, recorded as the bot's exchange like any reply. */
	private Mono<String> topics(String openId, Language language, String question) {
		return recorded(Mono.empty(), openId, language, question, this.knowledge.reply("topics", language, Map.of()),
				List.of());
	}

	private Mono<String> answer(String openId, CitizenSession session, Language language, String question,
			SearchResult result) {
		return answer(openId, session, language, question, result, true);
	}

	/**
	 * The reply to a search result; {@code searched} is false when the "result" stands for a picked
	 * guide that was withdrawn, which is no question for the editors' unanswered list.
	 */
	private Mono<String> answer(String openId, CitizenSession session, Language language, String question,
			SearchResult result, boolean searched) {
		List<String> tried = result.hits().stream().map(SearchResult.Hit::guideId).limit(MAX_CHOICES).toList();
		switch (result.outcome()) {
			case ANSWER -> {
				return answerGuide(openId, session, language, tried.get(0), question);
			}
			case CHOOSE -> {
				answered("choose", language);
				String text = this.knowledge.choiceText(result, language);
				return recorded(this.sessions.save(openId, session.withChoices(tried)), openId, language, question, text,
						tried);
			}
			default -> {
				answered("none", language);
				Mono<Void> unanswered = searched ? recordUnanswered(question, language) : Mono.empty();
				CitizenSession next = session.notFound();
				if (next.notFoundInARow() >= 2) {
					return unanswered.then(escalate(openId, next, language, EscalationReason.NOT_ANSWERED_TWICE, question));
				}
				String text = this.knowledge.reply("not_found", language, Map.of());
				return recorded(Mono.when(unanswered, this.sessions.save(openId, next)), openId, language, question, text,
						tried);
			}
		}
	}

	private Mono<String> answerGuide(String openId, CitizenSession session, Language language, String guideId,
			String question) {
		Optional<String> text = this.knowledge.answerText(guideId, language);
		if (text.isEmpty()) {
			// The guide was withdrawn since it was offered: treat it as a question not answered.
			return answer(openId, session, language, question, SearchResult.NOTHING, false);
		}
		answered("answer", language);
		return recorded(this.sessions.save(openId, session.answered()), openId, language, question, text.get(),
				List.of(guideId));
	}

	/** Counts a question the bot answered, by how sure it was ({@code zw.answers}). */
	private void answered(String outcome, Language language) {
		this.meters.counter(Meters.ANSWERS, "outcome", outcome, "lang", language.code()).increment();
	}

	/** The guide a citizen picked: a tapped choice's id, or a number within the pending choices. */
	private Optional<String> pickedGuide(CitizenSession session, String question, String choiceId) {
		if (choiceId != null && !choiceId.isBlank()) {
			OptionalInt number = Phrases.choiceNumber(choiceId);
			if (number.isPresent() && number.getAsInt() <= session.choices().size()) {
				return Optional.of(session.choices().get(number.getAsInt() - 1));
			}
			if (this.knowledge.answerText(choiceId.strip(), Language.ZH).isPresent()) {
				return Optional.of(choiceId.strip());
			}
		}
		OptionalInt number = Phrases.choiceNumber(question);
		if (number.isPresent() && number.getAsInt() <= session.choices().size()) {
			return Optional.of(session.choices().get(number.getAsInt() - 1));
		}
		return Optional.empty();
	}

	/**
	 * The reply once {@code saved} (the session write) is done and the bot exchange is recorded for
	 * the staff: both writes at once, they touch different keys.
	 */
	private Mono<String> recorded(Mono<Void> saved, String openId, Language language, String question, String reply,
			List<String> guidesTried) {
		Mono<Void> exchange = this.escalations.recordBotExchange(openId, language, question, reply, guidesTried)
			.onErrorResume((ex) -> {
				// The citizen still gets the answer; an officer would miss this exchange in the transcript.
				log.warn("Could not record a bot exchange for citizen " + OpenIds.forLog(openId) + ": " + ex);
				return Mono.empty();
			});
		return Mono.when(saved, exchange).thenReturn(reply);
	}

	/** Tells the editors which question no guide answered (the question only, never who asked). */
	private Mono<Void> recordUnanswered(String question, Language language) {
		return this.admin.recordUnanswered(question, language).onErrorResume((ex) -> {
			// The citizen still gets the reply; the editors miss one count.
			log.warn("Could not record an unanswered question: " + ex);
			return Mono.empty();
		});
	}

	private Mono<String> handedOff(String openId, Language language, String text, String messageType) {
		return this.escalations.takeIfHandedOff(openId, language, text, messageType);
	}

	private Mono<String> escalate(String openId, CitizenSession session, Language language, EscalationReason reason,
			String lastMessage) {
		Mono<Void> reset = this.sessions.save(openId, session.answered());
		log.info("Handing citizen " + OpenIds.forLog(openId) + " to the staff: " + reason);
		return reset.then(this.escalations.escalate(openId, language, reason, lastMessage));
	}

	/** Voice without text, or an image: only a person can help, if the staff can take it. */
	private Mono<String> needsAPerson(String openId, String messageType, String replyKey) {
		return admitted(openId, (session) -> {
			Language language = languageOf(session, "");
			return handedOff(openId, language, "", messageType).switchIfEmpty(Mono.defer(() -> {
				String explain = bilingual(replyKey, language);
				return escalate(openId, session, language, EscalationReason.NEEDS_A_PERSON, "[" + messageType + "]")
					.map((handoff) -> handoff.isEmpty() ? explain : explain + "\n\n" + handoff);
			}));
		});
	}

	private Mono<String> switchLanguage(String openId, CitizenSession session, Language language) {
		return this.sessions.save(openId, session.withLanguage(language))
			.then(Mono.fromSupplier(() -> this.knowledge.reply("language_switched", language, Map.of())));
	}

	private static Language languageOf(CitizenSession session, String text) {
		if (session.language() != null) {
			return session.language();
		}
		return Language.detect(text, (session.lastLanguage() != null) ? session.lastLanguage() : Language.ZH);
	}

	/**
	 * A reply in both languages, the citizen's own first: for messages where the citizen's language
	 * is unknown (welcome, media, rate limit).
	 */
	private String bilingual(String key, Language first) {
		Language one = (first != null) ? first : Language.ZH;
		Language other = (one == Language.ZH) ? Language.BO : Language.ZH;
		return this.knowledge.reply(key, one, Map.of()) + "\n\n" + this.knowledge.reply(key, other, Map.of());
	}

}

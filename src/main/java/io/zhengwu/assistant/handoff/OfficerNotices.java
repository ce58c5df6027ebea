package io.zhengwu.assistant.handoff;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import io.zhengwu.assistant.conversation.OpenIds;
import io.zhengwu.assistant.handoff.OfficerTemplateFields.Item;
import io.zhengwu.assistant.wechat.TemplateMessages;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tells the on-duty officers of a new hand-off by WeChat template message, to their own openid in
 * the roster, when a template is configured ({@code HANDOFF_TEMPLATE_ID}). The notice says only that
 * a citizen is waiting, why, how many wait and when: never who, nor what they wrote. At most one
 * notice per officer within the quiet period (a Redis key with that TTL, shared by all instances;
 * a notice WeChat refused starts no quiet period).
 * A failed notice is logged and counted ({@code zw.template.sends}) and never fails the hand-off.
 *
 * <p>The template's fields: by default {@code first} (heading), {@code keyword1} (the reason),
 * {@code keyword2} (chats waiting), {@code keyword3} (the time), {@code remark}; another template's
 * through {@code HANDOFF_TEMPLATE_FIELDS} ({@link OfficerTemplateFields}).
 */
class OfficerNotices {

	private static final Log log = LogFactory.getLog(OfficerNotices.class);

	static final String QUIET_PREFIX = HandoffStore.PREFIX + "officer-notified:";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	/** The reason as the officer reads it, in Chinese and Tibetan (Tibetan to be reviewed by an editor). */
	static final Map<EscalationReason, String> REASONS = Map.of(EscalationReason.ASKED_FOR_PERSON,
			"群众要求人工服务 / ལས་བྱེད་པ་དང་འབྲེལ་བ་བྱེད་འདོད།", EscalationReason.NOT_ANSWERED_TWICE,
			"小助手两次未能回答 / རོགས་པས་ཐེངས་གཉིས་ལན་འདེབས་མ་ཐུབ།", EscalationReason.NEEDS_A_PERSON,
			"群众发来图片或语音 / པར་རིས་སམ་སྐད་འཕྲིན་བཏང་།");

	private final TemplateMessages templates;

	private final DutyRoster roster;

	private final HandoffStore store;

	private final ReactiveStringRedisTemplate redis;

	private final HandoffProperties properties;

	private final String consoleUrl;

	private final OfficerTemplateFields fields;

	private final Clock clock;

	private final UnfinishedActions unfinished;

	/**
	 * @param templates WeChat's template messages, or {@code null} where there are none (then off)
	 * @param consoleUrl the console's public address, opened when the notice is tapped
	 */
	OfficerNotices(TemplateMessages templates, DutyRoster roster, HandoffStore store, ReactiveStringRedisTemplate redis,
			HandoffProperties properties, String consoleUrl, Clock clock, UnfinishedActions unfinished) {
		this.templates = templates;
		this.roster = roster;
		this.store = store;
		this.redis = redis;
		this.properties = properties;
		this.consoleUrl = consoleUrl;
		this.fields = properties.templateFields();
		this.clock = clock;
		this.unfinished = unfinished;
	}

	boolean enabled() {
		return this.templates != null && !this.properties.officerTemplateId().isBlank();
	}

	/**
	 * Notifies the on-duty officers of a chat just queued, in the background; a stopping instance
	 * waits for it (else an officer's quiet period could start with no notice sent).
	 */
	void chatQueued(EscalationReason reason) {
		if (enabled()) {
			this.unfinished.run(notifyOnDuty(reason)
				.doOnError((ex) -> log.warn("Officers not notified of a new hand-off: " + ex.getMessage())));
		}
	}

	/** Sends the notices; completes when all were sent or refused. */
	Mono<Void> notifyOnDuty(EscalationReason reason) {
		if (!enabled()) {
			return Mono.empty();
		}
		var now = this.clock.instant();
		String time = TIME.format(now.atZone(this.roster.zone()));
		return this.store.queueLength()
			.defaultIfEmpty(1L)
			.flatMapMany((waiting) -> Flux.fromIterable(this.roster.officersOnDuty(now))
				.concatMap((username) -> Mono.justOrEmpty(this.roster.openIdOf(username))
					.filterWhen((openId) -> firstInQuietPeriod(username))
					.flatMap((openId) -> send(username, openId, reason, waiting, time))))
			.then();
	}

	private Mono<Boolean> firstInQuietPeriod(String username) {
		return this.redis.opsForValue()
			.setIfAbsent(quietKey(username), Long.toString(this.clock.millis()),
					this.properties.officerNoticeQuiet())
			.defaultIfEmpty(false);
	}

	private Mono<Void> send(String username, String openId, EscalationReason reason, long waiting, String time) {
		Map<Item, String> values = new EnumMap<>(Item.class);
		values.put(Item.HEADING, "有群众在等待人工服务 / མི་མང་ཞིག་ལས་བྱེད་པར་སྒུག་བཞིན་ཡོད།");
		values.put(Item.REASON, REASONS.getOrDefault(reason, reason.name()));
		values.put(Item.WAITING, Long.toString(waiting));
		values.put(Item.TIME, time);
		values.put(Item.REMARK, "请登录值班台接待 / ལས་འཁུར་ངོས་སུ་ནང་འཛུལ་བྱེད་རོགས།");
		Map<String, String> data = this.fields.data(values);
		return this.templates.send(openId, this.properties.officerTemplateId(), this.consoleUrl, data)
			.doOnSuccess((sent) -> log.debug("Officer " + username + " notified of a new hand-off"))
			.onErrorResume((ex) -> {
				log.warn("Officer " + username + " (openid " + OpenIds.forLog(openId)
						+ ") not notified of a new hand-off: " + ex.getMessage());
				// not told, so no quiet period: the next hand-off tries again
				return this.redis.delete(quietKey(username)).onErrorResume((ignored) -> Mono.empty()).then();
			});
	}

	/** The officer's quiet-period key; keys name no one, so the username is hashed too. */
	private static String quietKey(String username) {
		return QUIET_PREFIX + HandoffService.pseudonym(username);
	}

}

package io.zhengwu.assistant.handoff;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import io.zhengwu.assistant.knowledge.KnowledgeSearch;
import io.zhengwu.assistant.knowledge.PublicSite;
import io.zhengwu.assistant.system.RedisScripts;
import io.zhengwu.assistant.wechat.CustomerServiceMessages;
import io.zhengwu.assistant.wechat.TemplateMessages;
import tools.jackson.databind.json.JsonMapper;

/** Wires the hand-off: store, roster, delivery, the two faces (dialogue and desk), periodic work. */
@Configuration(proxyBeanMethods = false)
class HandoffConfiguration {

	@Bean
	HandoffStore handoffStore(ReactiveStringRedisTemplate redis, RedisScripts commands, JsonMapper json) {
		return new HandoffStore(redis, commands, json);
	}

	@Bean
	DutyRoster dutyRoster(HandoffProperties properties) {
		DutyRoster roster = new DutyRoster(properties.roster());
		roster.reloadIfChanged();
		return roster;
	}

	@Bean
	HandoffEvents handoffEvents(ReactiveStringRedisTemplate redis, ReactiveRedisConnectionFactory connections,
			JsonMapper json) {
		return new HandoffEvents(redis, connections, json);
	}

	@Bean
	HandoffEventsHealthIndicator handoffEventsHealthIndicator(HandoffEvents events) {
		return new HandoffEventsHealthIndicator(events);
	}

	@Bean
	HandoffTexts handoffTexts(KnowledgeSearch knowledge, DutyRoster roster) {
		return new HandoffTexts(knowledge, roster);
	}

	@Bean
	ReplyDelivery replyDelivery(HandoffStore store, CustomerServiceMessages messages, HandoffEvents events,
			HandoffProperties properties, ObjectProvider<Clock> clock) {
		return new ReplyDelivery(store, messages, events, properties, clock(clock), Duration.ofSeconds(1));
	}

	@Bean
	HandoffService escalations(HandoffStore store, DutyRoster roster, HandoffTexts texts, ReplyDelivery delivery,
			HandoffEvents events, HandoffProperties properties, ObjectProvider<Clock> clock, HandoffMetrics metrics,
			OfficerNotices officerNotices, UnfinishedActions unfinished) {
		return new HandoffService(store, roster, texts, delivery, events, properties, clock(clock), metrics,
				officerNotices, unfinished);
	}

	/** Off where there is no WeChat template API (the hand-off on its own in tests) or no template id. */
	@Bean
	OfficerNotices officerNotices(ObjectProvider<TemplateMessages> templates, DutyRoster roster, HandoffStore store,
			ReactiveStringRedisTemplate redis, HandoffProperties properties, ObjectProvider<PublicSite> site,
			ObjectProvider<Clock> clock, UnfinishedActions unfinished) {
		String base = site.getIfAvailable(() -> new PublicSite("http://localhost:8080")).publicBaseUrl();
		String console = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/console/";
		return new OfficerNotices(templates.getIfAvailable(), roster, store, redis, properties, console, clock(clock),
				unfinished);
	}

	@Bean
	OfficerDeskService officerDesk(HandoffStore store, DutyRoster roster, HandoffTexts texts, ReplyDelivery delivery,
			HandoffEvents events, HandoffProperties properties, ObjectProvider<Clock> clock, HandoffMetrics metrics,
			UnfinishedActions unfinished) {
		return new OfficerDeskService(store, roster, texts, delivery, events, properties, clock(clock), metrics,
				unfinished);
	}

	@Bean
	UnfinishedActions unfinishedHandoffActions() {
		return new UnfinishedActions();
	}

	@Bean
	HandoffMetrics handoffMetrics(HandoffStore store, MeterRegistry meters) {
		return new HandoffMetrics(store, meters);
	}

	@Bean
	HandoffSweeper handoffSweeper(HandoffStore store, DutyRoster roster, HandoffTexts texts, ReplyDelivery delivery,
			HandoffProperties properties, ObjectProvider<Clock> clock, UnfinishedActions unfinished) {
		return new HandoffSweeper(store, roster, texts, delivery, properties, clock(clock), unfinished);
	}

	@Bean
	HandoffCitizenData handoffCitizenData(HandoffStore store, HandoffEvents events) {
		return new HandoffCitizenData(store, events);
	}

	/** The app's clock if one is defined (tests move it), else the system clock. */
	private static Clock clock(ObjectProvider<Clock> clock) {
		return clock.getIfAvailable(Clock::systemUTC);
	}

}

package io.zhengwu.assistant.handoff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.zhengwu.assistant.knowledge.KnowledgeSearch;
import io.zhengwu.assistant.knowledge.Language;
import io.zhengwu.assistant.knowledge.SearchResult;
import io.zhengwu.assistant.wechat.CustomerServiceMessages;
import reactor.core.publisher.Mono;

/**
 * The hand-off on its own, on the real embedded Redis, with a clock the tests move, WeChat's
 * customer-service API recorded, and canned replies that show their key and values.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableConfigurationProperties(HandoffProperties.class)
@Import(HandoffConfiguration.class)
class HandoffTestApp {

	/** Monday 30 November 2026, 10:00 in Ngari: within the roster's morning shift. */
	static final Instant MONDAY_MORNING = java.time.ZonedDateTime
		.of(2026, 11, 30, 10, 0, 0, 0, ZoneId.of("Asia/Shanghai"))
		.toInstant();

	@Bean
	MovableClock clock() {
		return new MovableClock(MONDAY_MORNING);
	}

	@Bean
	RecordedMessages customerServiceMessages() {
		return new RecordedMessages();
	}

	@Bean
	KnowledgeSearch knowledgeSearch() {
		return new CannedReplies();
	}

	static final class MovableClock extends Clock {

		private volatile Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void set(Instant instant) {
			this.now = instant;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneId.of("UTC");
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

	/** Records what was sent; fails the next sends with the errors queued by a test. */
	static final class RecordedMessages implements CustomerServiceMessages {

		final List<String[]> sent = new CopyOnWriteArrayList<>();

		final ConcurrentLinkedQueue<RuntimeException> failures = new ConcurrentLinkedQueue<>();

		@Override
		public Mono<Void> sendText(String openId, String text) {
			return Mono.defer(() -> {
				RuntimeException failure = this.failures.poll();
				if (failure != null) {
					return Mono.error(failure);
				}
				this.sent.add(new String[] { openId, text });
				return Mono.empty();
			});
		}

		List<String> textsTo(String openId) {
			return this.sent.stream().filter((m) -> m[0].equals(openId)).map((m) -> m[1]).toList();
		}

	}

	/** Canned replies as "key{name=value}", so tests see which reply was chosen with which values. */
	static final class CannedReplies implements KnowledgeSearch {

		@Override
		public SearchResult search(String question, Language language) {
			return new SearchResult(SearchResult.Outcome.NONE, List.of());
		}

		@Override
		public java.util.Optional<String> answerText(String guideId, Language language) {
			return java.util.Optional.empty();
		}

		@Override
		public String choiceText(SearchResult result, Language language) {
			return "";
		}

		@Override
		public java.util.Optional<String> smallTalkReply(String text, Language language) {
			return java.util.Optional.empty();
		}

		@Override
		public String reply(String key, Language language, Map<String, String> values) {
			return language.code() + ":" + key + new TreeMap<>(values);
		}

	}

}

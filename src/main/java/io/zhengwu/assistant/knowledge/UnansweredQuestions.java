package io.zhengwu.assistant.knowledge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import java.util.List;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The questions no guide answered, in Redis, per language: a sorted set of counts and one of
 * last-asked times ({@code zw:knowledge:unanswered:{<lang>}:count|last}; the language in braces
 * is a Redis Cluster hash tag, so one script may change both). Entries not asked again within the
 * retention period are dropped; nothing identifies who asked.
 */
final class UnansweredQuestions {

	static final String PREFIX = "zw:knowledge:unanswered:";

	static final int MAX_LENGTH = 200;

	/** ID card, phone and bank numbers are no business of the editors. */
	private static final Pattern LONG_NUMBER = Pattern.compile("[0-9０-９Xx]{6,}");

	/**
	 * Counts a question (KEYS[1]), notes when it was asked (KEYS[2]), keeps both for the retention
	 * (ARGV[3] ms) and drops questions not asked within it, in one round trip and atomically: the
	 * two sets never disagree.
	 */
	private static final RedisScript<Long> RECORD = RedisScript.of("""
			redis.call('ZINCRBY', KEYS[1], 1, ARGV[1])
			redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
			redis.call('PEXPIRE', KEYS[1], ARGV[3])
			redis.call('PEXPIRE', KEYS[2], ARGV[3])
			local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', tonumber(ARGV[2]) - tonumber(ARGV[3]), 'LIMIT', 0, 500)
			if #old > 0 then
				redis.call('ZREM', KEYS[1], unpack(old))
				redis.call('ZREM', KEYS[2], unpack(old))
			end
			return #old
			""", Long.class);

	private final ReactiveStringRedisTemplate redis;

	private final Duration retention;

	private final Clock clock;

	UnansweredQuestions(ReactiveStringRedisTemplate redis, Duration retention, Clock clock) {
		this.redis = redis;
		this.retention = retention;
		this.clock = clock;
	}

	static String countKey(Language language) {
		return PREFIX + "{" + language.code() + "}:count";
	}

	static String lastKey(Language language) {
		return PREFIX + "{" + language.code() + "}:last";
	}

	/** The question as stored: trimmed, spaces collapsed, long numbers masked, at most 200 characters. */
	static String normalise(String question) {
		String text = LONG_NUMBER.matcher(question.strip().replaceAll("\\s+", " ")).replaceAll("＊＊＊");
		if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
			text = text.substring(0, text.offsetByCodePoints(0, MAX_LENGTH));
		}
		return text;
	}

	Mono<Void> record(String question, Language language) {
		String text = normalise(question);
		if (text.isEmpty()) {
			return Mono.empty();
		}
		return this.redis
			.execute(RECORD, List.of(countKey(language), lastKey(language)),
					List.of(text, Long.toString(this.clock.millis()), Long.toString(this.retention.toMillis())))
			.then();
	}

	Flux<UnansweredQuestion> list(Language language, int limit) {
		return prune(language).thenMany(this.redis.opsForZSet()
			.reverseRangeWithScores(countKey(language), Range.closed(0L, (long) Math.max(0, limit - 1))))
			.concatMap((entry) -> this.redis.opsForZSet()
				.score(lastKey(language), entry.getValue())
				.defaultIfEmpty(0.0)
				.map((last) -> new UnansweredQuestion(entry.getValue(), language, entry.getScore().longValue(),
						Instant.ofEpochMilli(last.longValue()))));
	}

	Mono<Boolean> dismiss(String question, Language language) {
		String text = normalise(question);
		return this.redis.opsForZSet()
			.remove(countKey(language), text)
			.zipWith(this.redis.opsForZSet().remove(lastKey(language), text))
			.map((removed) -> removed.getT1() > 0);
	}

	/** Drops the questions not asked within the retention period. */
	private Mono<Void> prune(Language language) {
		double cutoff = this.clock.millis() - this.retention.toMillis();
		return this.redis.opsForZSet()
			.rangeByScore(lastKey(language), Range.closed(Double.NEGATIVE_INFINITY, cutoff))
			.collectList()
			.flatMap((old) -> old.isEmpty() ? Mono.empty()
					: this.redis.opsForZSet()
						.remove(countKey(language), old.toArray())
						.then(this.redis.opsForZSet().remove(lastKey(language), old.toArray())))
			.then();
	}

}

package io.zhengwu.assistant.knowledge;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.zhengwu.assistant.knowledge.GuideIndex.Candidate;

/**
 * What one publication has already worked out, so that a question asked again costs a lookup
 * instead of a search: the ranked guides for a question, a guide's composed answer and a fixed
 * reply per language. Citizens ask the same few questions over and over, most of all in the rush
 * after a policy announcement. A publication never changes, so neither does anything cached here;
 * a reload publishes a new cache with the new index.
 *
 * <p>Questions are what citizens typed: only short ones are kept (a long one is seldom repeated
 * word for word), at most {@code size} of them, the rarely asked evicted first, and none longer
 * than {@link #QUESTION_LIFETIME} — the text alone, never who asked.
 */
final class PublicationCache {

	/** Longer questions are searched every time. */
	static final int LONGEST_QUESTION = 100;

	/** How long a question's text stays in memory at most. */
	static final Duration QUESTION_LIFETIME = Duration.ofHours(1);

	private final Cache<String, List<Candidate>> candidates;

	private final Map<String, String> texts = new ConcurrentHashMap<>();

	/** @param size how many questions to keep; 0 searches every question */
	PublicationCache(int size) {
		this.candidates = (size > 0)
				? Caffeine.newBuilder().maximumSize(size).expireAfterWrite(QUESTION_LIFETIME).build() : null;
	}

	/** The ranked guides for a question, searched once per publication while it stays cached. */
	List<Candidate> candidates(String question, Function<String, List<Candidate>> search) {
		return kept(question) ? this.candidates.get(question, search) : search.apply(question);
	}

	/** The ranked guides for a question if they are cached, else empty (nothing is searched). */
	Optional<List<Candidate>> cachedCandidates(String question) {
		return kept(question) ? Optional.ofNullable(this.candidates.getIfPresent(question)) : Optional.empty();
	}

	/** Whether a question's results are kept here at all. */
	private boolean kept(String question) {
		return this.candidates != null && question.length() <= LONGEST_QUESTION;
	}

	/**
	 * A text made from the publication alone (a composed answer, a fixed reply), made once: the key
	 * names the text and its language.
	 */
	String text(String key, Supplier<String> make) {
		return this.texts.computeIfAbsent(key, (ignored) -> make.get());
	}

}

package io.zhengwu.assistant.knowledge;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.zhengwu.assistant.knowledge.GuideIndex.Candidate;

import static org.assertj.core.api.Assertions.assertThat;

class PublicationCacheTest {

	private static final List<Candidate> FOUND = List.of(new Candidate("id-card-lost", 1.5, 0.8, 0.7, 0.9));

	private final AtomicInteger searches = new AtomicInteger();

	private final Function<String, List<Candidate>> search = (question) -> {
		this.searches.incrementAndGet();
		return FOUND;
	};

	@Test
	void aQuestionAskedAgainIsNotSearchedAgain() {
		PublicationCache cache = new PublicationCache(100);
		assertThat(cache.candidates("身份证丢了怎么办", this.search)).isEqualTo(FOUND);
		assertThat(cache.candidates("身份证丢了怎么办", this.search)).isEqualTo(FOUND);
		assertThat(cache.candidates("社保卡怎么办", this.search)).isEqualTo(FOUND);
		assertThat(this.searches).hasValue(2);
	}

	@Test
	void aLongQuestionIsSearchedEveryTime() {
		PublicationCache cache = new PublicationCache(100);
		String longQuestion = "我".repeat(PublicationCache.LONGEST_QUESTION + 1);
		cache.candidates(longQuestion, this.search);
		cache.candidates(longQuestion, this.search);
		assertThat(this.searches).hasValue(2);
	}

	@Test
	void sizeZeroSearchesEveryQuestion() {
		PublicationCache cache = new PublicationCache(0);
		cache.candidates("身份证丢了怎么办", this.search);
		cache.candidates("身份证丢了怎么办", this.search);
		assertThat(this.searches).hasValue(2);
	}

	@Test
	void aFailedSearchIsNotRememberedAndIsTriedAgain() {
		PublicationCache cache = new PublicationCache(100);
		AtomicInteger calls = new AtomicInteger();
		Function<String, List<Candidate>> failingOnce = (question) -> {
			if (calls.incrementAndGet() == 1) {
				throw new IllegalStateException("index closed by a reload");
			}
			return FOUND;
		};
		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> cache.candidates("身份证丢了怎么办", failingOnce));
		assertThat(cache.candidates("身份证丢了怎么办", failingOnce)).isEqualTo(FOUND);
	}

	@Test
	void aTextIsMadeOncePerKey() {
		PublicationCache cache = new PublicationCache(100);
		AtomicInteger made = new AtomicInteger();
		assertThat(cache.text("answer:id-card-lost:zh", () -> "text " + made.incrementAndGet())).isEqualTo("text 1");
		assertThat(cache.text("answer:id-card-lost:zh", () -> "text " + made.incrementAndGet())).isEqualTo("text 1");
		assertThat(cache.text("answer:id-card-lost:bo", () -> "text " + made.incrementAndGet())).isEqualTo("text 2");
	}

}

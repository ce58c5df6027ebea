package io.zhengwu.assistant.knowledge;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zhengwu.assistant.knowledge.SearchResult.Hit;

import static org.assertj.core.api.Assertions.assertThat;

/** Publishing again: a good folder is swapped in, a broken one leaves the old index answering. */
class ReloadTest {

	/** A word no guide has, until the test adds it. */
	static final String NEW_WORD = "雪豹卡";

	@TempDir
	Path temp;

	Path dir;

	PublishedKnowledge knowledge;

	@BeforeEach
	void publishACopy() {
		this.dir = KnowledgeFixtures.copyOfTheRealKnowledge(this.temp);
		this.knowledge = new PublishedKnowledge(this.dir, "http://localhost:8080");
		assertThat(this.knowledge.publish().published()).isTrue();
	}

	private List<String> ids(String question) {
		return this.knowledge.search(question, Language.ZH).hits().stream().map(Hit::guideId).toList();
	}

	private void addTheNewWordToTheFirstIdCardGuide() {
		KnowledgeFixtures.write(this.dir.resolve("guides/id-card-first.yaml"),
				KnowledgeFixtures.GUIDE.replace("zh: [身份证, 首次申领]", "zh: [身份证, 首次申领, " + NEW_WORD + "]"));
	}

	@Test
	void aChangedGuideIsSearchableAfterPublishing() {
		assertThat(ids(NEW_WORD)).doesNotContain("id-card-first");
		addTheNewWordToTheFirstIdCardGuide();
		ReloadReport report = this.knowledge.publish();
		assertThat(report.published()).isTrue();
		assertThat(ids(NEW_WORD)).first().isEqualTo("id-card-first");
		assertThat(this.knowledge.lastReport()).isEqualTo(report);
	}

	@Test
	void anAnswerComposedBeforePublishingIsComposedAnewAfterIt() {
		String before = this.knowledge.answerText("id-card-first", Language.ZH).orElseThrow();
		assertThat(before).contains("工本费20元");
		KnowledgeFixtures.write(this.dir.resolve("guides/id-card-first.yaml"),
				KnowledgeFixtures.GUIDE.replace("工本费20元。", "工本费25元。"));
		assertThat(this.knowledge.publish().published()).isTrue();
		assertThat(this.knowledge.answerText("id-card-first", Language.ZH).orElseThrow()).contains("工本费25元")
			.doesNotContain("工本费20元");
	}

	@Test
	void aFolderThatFailsTheCheckerIsNotPublishedAndTheOldIndexKeepsAnswering() {
		List<String> before = ids("身份证丢了怎么补办");
		int guides = this.knowledge.publication().index().size();
		KnowledgeFixtures.write(this.dir.resolve("guides/id-card-first.yaml"),
				KnowledgeFixtures.GUIDE.replace("zh: [身份证, 首次申领]", "zh: [身份证, " + NEW_WORD + "]")
					.replace("fee: {zh: 工本费20元。, bo: བཟོ་གྲོན་སྒོར་ 20།}\n", ""));
		ReloadReport report = this.knowledge.publish();
		assertThat(report.published()).isFalse();
		assertThat(report.guides()).isEqualTo(guides);
		assertThat(report.validation().errors()).extracting(Problem::toString)
			.anyMatch((problem) -> problem.startsWith("knowledge/guides/id-card-first.yaml:1: fee is missing"));
		assertThat(report.summary()).startsWith("not published, the previous knowledge base keeps answering");
		assertThat(ids("身份证丢了怎么补办")).isEqualTo(before);
		assertThat(ids(NEW_WORD)).doesNotContain("id-card-first");
		assertThat(this.knowledge.lastReport()).isEqualTo(report);
	}

	@Test
	void theWatcherPublishesOnceTheChangedFilesHaveSettled() {
		try (KnowledgeWatcher watcher = new KnowledgeWatcher(this.knowledge, Duration.ZERO)) {
			watcher.check();
			ReloadReport before = this.knowledge.lastReport();
			addTheNewWordToTheFirstIdCardGuide();
			watcher.check();
			assertThat(this.knowledge.lastReport()).as("a change still being written is not published yet")
				.isSameAs(before);
			watcher.check();
			assertThat(this.knowledge.lastReport()).isNotSameAs(before);
			assertThat(ids(NEW_WORD)).first().isEqualTo("id-card-first");
		}
	}

	@Test
	void searchesWhileReloadingAlwaysGetAnAnswerFromAWholeIndex() throws InterruptedException {
		ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
		AtomicBoolean reloading = new AtomicBoolean(true);
		AtomicInteger searches = new AtomicInteger();
		Thread searcher = new Thread(() -> {
			while (reloading.get() || searches.get() == 0) {
				try {
					List<String> found = ids("身份证丢了怎么补办");
					if (!found.contains("id-card-lost")) {
						failures.add(new AssertionError("searched mid-reload and got " + found));
					}
					searches.incrementAndGet();
				}
				catch (RuntimeException ex) {
					failures.add(ex);
				}
			}
		});
		searcher.start();
		for (int i = 0; i < 5; i++) {
			assertThat(this.knowledge.publish().published()).isTrue();
		}
		reloading.set(false);
		searcher.join(Duration.ofSeconds(30).toMillis());
		assertThat(failures).isEmpty();
		assertThat(searches.get()).isPositive();
	}

}

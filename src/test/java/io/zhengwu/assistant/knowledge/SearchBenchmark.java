package io.zhengwu.assistant.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

import io.zhengwu.assistant.knowledge.Guide.Phrases;

/**
 * Measures index build time and search latency (p50/p99, one thread) on the real knowledge base
 * and on a synthetic one of 5,000 guides made from the real ones (ids renumbered, sample
 * questions and keywords shuffled between copies so the documents differ). Run with
 * {@code bench/search.sh}; prints figures, asserts nothing (not a test).
 */
public final class SearchBenchmark {

	private static final int WARM_UP = 3_000;

	private static final int MEASURED = 20_000;

	private SearchBenchmark() {
	}

	public static void main(String[] args) throws IOException {
		Path dir = Path.of((args.length > 0) ? args[0] : "knowledge");
		int synthetic = (args.length > 1) ? Integer.parseInt(args[1]) : 5_000;
		List<String> questions = questions(dir);
		System.out.printf(Locale.ROOT, "questions: %d (from %s/eval)%n", questions.size(), dir);

		long[] publish = new long[5];
		PublishedKnowledge knowledge = new PublishedKnowledge(dir, "http://localhost:8080");
		for (int i = 0; i < publish.length; i++) {
			long start = System.nanoTime();
			ReloadReport report = knowledge.publish();
			publish[i] = System.nanoTime() - start;
			if (!report.published()) {
				throw new IllegalStateException(report.summary());
			}
		}
		KnowledgeBase base = knowledge.publication().base();
		long[] build = new long[5];
		for (int i = 0; i < build.length; i++) {
			long start = System.nanoTime();
			try (GuideIndex index = GuideIndex.build(base.guides().values(), base.synonyms())) {
				build[i] = System.nanoTime() - start;
			}
		}
		System.out.printf(Locale.ROOT,
				"real (%d guides): read+check+index %s ms (first %s ms), index only %s ms%n", base.guides().size(),
				millis(median(publish)), millis(publish[0]), millis(median(build)));
		latency("real", knowledge.publication().index(), questions);

		List<Guide> many = synthetic(new ArrayList<>(base.guides().values()), synthetic);
		long start = System.nanoTime();
		try (GuideIndex index = GuideIndex.build(many, base.synonyms())) {
			System.out.printf(Locale.ROOT, "synthetic (%d guides): index %s ms%n", many.size(),
					millis(System.nanoTime() - start));
			latency("synthetic", index, questions);
		}
	}

	private static void latency(String name, GuideIndex index, List<String> questions) {
		for (int i = 0; i < WARM_UP; i++) {
			index.search(questions.get(i % questions.size()), PublishedKnowledge.HITS);
		}
		long[] times = new long[MEASURED];
		for (int i = 0; i < MEASURED; i++) {
			long start = System.nanoTime();
			index.search(questions.get(i % questions.size()), PublishedKnowledge.HITS);
			times[i] = System.nanoTime() - start;
		}
		Arrays.sort(times);
		System.out.printf(Locale.ROOT, "%s search: p50 %s ms, p99 %s ms, max %s ms (%d searches)%n", name,
				millis(times[times.length / 2]), millis(times[(int) (times.length * 0.99)]),
				millis(times[times.length - 1]), MEASURED);
	}

	private static List<Guide> synthetic(List<Guide> real, int count) {
		Random random = new Random(42);
		List<Guide> guides = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			Guide source = real.get(i % real.size());
			Guide other = real.get(random.nextInt(real.size()));
			guides.add(new Guide(source.id() + "-" + i, source.domain(), source.lastReviewed(), source.department(),
					source.title(), source.summary(), source.who(), source.materials(), source.steps(),
					source.timeLimit(), source.fee(), source.window(), source.address(), source.when(), source.online(),
					source.contact(), source.legalBasis(), List.of(),
					mix(source.questions(), other.questions(), random), mix(source.keywords(), other.keywords(), random)));
		}
		return guides;
	}

	private static Phrases mix(Phrases own, Phrases other, Random random) {
		return new Phrases(pick(own.zh(), other.zh(), random), pick(own.bo(), other.bo(), random));
	}

	private static List<String> pick(List<String> own, List<String> other, Random random) {
		List<String> mixed = new ArrayList<>(own);
		if (!other.isEmpty()) {
			mixed.add(other.get(random.nextInt(other.size())));
		}
		return mixed;
	}

	private static List<String> questions(Path dir) throws IOException {
		List<String> questions = new ArrayList<>();
		try (Stream<Path> files = Files.list(dir.resolve("eval"))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".tsv")).sorted().toList()) {
				Evaluation.read(file).forEach((question) -> questions.add(question.question()));
			}
		}
		return questions;
	}

	private static long median(long[] values) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	private static String millis(long nanos) {
		return String.format(Locale.ROOT, "%.2f", nanos / 1_000_000.0);
	}

}

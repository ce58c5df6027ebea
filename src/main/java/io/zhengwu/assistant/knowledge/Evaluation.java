package io.zhengwu.assistant.knowledge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.zhengwu.assistant.knowledge.SearchResult.Hit;
import io.zhengwu.assistant.knowledge.SearchResult.Outcome;

/**
 * Runs questions with known answers through the path the webhook takes (small talk first, then
 * search) and measures how well the knowledge base answers them.
 */
final class Evaluation {

	private Evaluation() {
	}

	/**
	 * One question of an evaluation file.
	 * @param question the citizen's words
	 * @param expected the guides that answer it (empty: it must not be answered)
	 * @param source the file and line, for messages
	 */
	record Case(String question, Set<String> expected, String source) {

		boolean inScope() {
			return !this.expected.isEmpty();
		}

	}

	/**
	 * What the bot did with one question.
	 * @param language the question's language
	 * @param outcome the outcome (small talk counts as {@link Outcome#NONE}: no guide is given)
	 * @param ranked the guides found, best first
	 */
	record Answer(Case question, Language language, Outcome outcome, List<String> ranked) {

		int rank() {
			for (int i = 0; i < this.ranked.size(); i++) {
				if (this.question.expected().contains(this.ranked.get(i))) {
					return i + 1;
				}
			}
			return 0;
		}

		boolean answeredRight() {
			return this.outcome == Outcome.ANSWER && rank() == 1;
		}

		boolean miss() {
			if (!this.question.inScope()) {
				return this.outcome != Outcome.NONE;
			}
			return rank() != 1 || this.outcome == Outcome.NONE;
		}

	}

	/** The figures of issue 3, over a set of answers. */
	record Figures(double top1, double top3, double mrr, double answered, double answeredPrecision,
			double oosRejected, int n) {

		static Figures of(List<Answer> answers) {
			List<Answer> inScope = answers.stream().filter((answer) -> answer.question().inScope()).toList();
			List<Answer> outOfScope = answers.stream().filter((answer) -> !answer.question().inScope()).toList();
			List<Answer> outright = answers.stream().filter((answer) -> answer.outcome() == Outcome.ANSWER).toList();
			return new Figures(share(inScope, (answer) -> answer.rank() == 1),
					share(inScope, (answer) -> answer.rank() >= 1 && answer.rank() <= 3),
					inScope.isEmpty() ? 1
							: inScope.stream().mapToDouble((a) -> (a.rank() == 0) ? 0 : 1.0 / a.rank()).average().orElse(0),
					share(inScope, (answer) -> answer.outcome() == Outcome.ANSWER),
					share(outright, Answer::answeredRight), share(outOfScope, (answer) -> answer.outcome() == Outcome.NONE),
					answers.size());
		}

		/** The share of answers that pass; 1 when there are none (nothing went wrong). */
		private static double share(List<Answer> answers, java.util.function.Predicate<Answer> test) {
			return answers.isEmpty() ? 1 : answers.stream().filter(test).count() / (double) answers.size();
		}

		String line() {
			return String.format(Locale.ROOT,
					"top1=%.3f top3=%.3f mrr=%.3f answered=%.3f answered_precision=%.3f oos_rejected=%.3f n=%d", this.top1,
					this.top3, this.mrr, this.answered, this.answeredPrecision, this.oosRejected, this.n);
		}

	}

	/** All answers with the overall and per-language figures. */
	record Result(List<Answer> answers, Figures overall, Map<Language, Figures> byLanguage) {

		List<Answer> misses() {
			return this.answers.stream().filter(Answer::miss).toList();
		}

	}

	/** Reads {@code question<TAB>expected} lines (a header line first; {@code -}: not to be answered). */
	static List<Case> read(Path file) throws IOException {
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		List<Case> cases = new ArrayList<>();
		for (int i = 1; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			String[] columns = line.split("\t");
			if (columns.length != 2) {
				throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected question<TAB>expected");
			}
			Set<String> expected = new LinkedHashSet<>();
			if (!columns[1].strip().equals("-")) {
				for (String id : columns[1].strip().split("\\|")) {
					expected.add(id.strip());
				}
			}
			cases.add(new Case(columns[0].strip(), expected, file.getFileName() + ":" + (i + 1)));
		}
		return cases;
	}

	static Result run(KnowledgeSearch search, List<Case> cases) {
		List<Answer> answers = new ArrayList<>();
		for (Case question : cases) {
			Language language = Language.detect(question.question(), Language.ZH);
			if (search.smallTalkReply(question.question(), language).isPresent()) {
				answers.add(new Answer(question, language, Outcome.NONE, List.of()));
				continue;
			}
			SearchResult result = search.search(question.question(), language);
			answers.add(new Answer(question, language, result.outcome(),
					result.hits().stream().map(Hit::guideId).toList()));
		}
		Map<Language, Figures> byLanguage = new LinkedHashMap<>();
		for (Language language : Language.values()) {
			byLanguage.put(language,
					Figures.of(answers.stream().filter((answer) -> answer.language() == language).toList()));
		}
		return new Result(answers, Figures.of(answers), byLanguage);
	}

}

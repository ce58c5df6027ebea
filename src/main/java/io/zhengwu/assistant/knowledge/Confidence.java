package io.zhengwu.assistant.knowledge;

import java.util.List;

import io.zhengwu.assistant.knowledge.GuideIndex.Candidate;
import io.zhengwu.assistant.knowledge.SearchResult.Outcome;

/**
 * Decides how sure a search is, from how much of the question the best guide covers (its text,
 * its words, its closest sample question; rare words weigh more) and how far ahead of the
 * runner-up it is. A wrong confident answer costs a citizen a wasted trip, so answering outright
 * needs clear evidence; a choice or "not found, here is a person" costs only a tap.
 *
 * <p>The thresholds were calibrated with the {@code eval} command on the regression set
 * ({@code knowledge/eval}) and the development set: among the settings that keep answered
 * precision at or above 0.98 and reject at least 0.95 of out-of-scope questions, these answer the
 * most in-scope questions outright and leave the fewest without even a choice (README,
 * "Knowledge and retrieval").
 */
final class Confidence {

	/** Least confidence (mean coverage, 0 to 1) to answer outright. */
	static final double ANSWER_CONFIDENCE = 0.35;

	/** Least lead in relevance over the runner-up to answer outright. */
	static final double ANSWER_LEAD = 0.30;

	/** Least confidence to offer choices rather than say nothing fits. */
	static final double CHOOSE_CONFIDENCE = 0.28;

	private Confidence() {
	}

	static double confidence(Candidate candidate) {
		return (candidate.coverage() + candidate.wordCoverage() + candidate.questionCoverage()) / 3;
	}

	static Outcome decide(List<Candidate> candidates) {
		if (candidates.isEmpty()) {
			return Outcome.NONE;
		}
		Candidate best = candidates.get(0);
		double lead = best.relevance() - ((candidates.size() > 1) ? candidates.get(1).relevance() : 0);
		if (confidence(best) >= ANSWER_CONFIDENCE && lead >= ANSWER_LEAD) {
			return Outcome.ANSWER;
		}
		if (confidence(best) >= CHOOSE_CONFIDENCE) {
			return Outcome.CHOOSE;
		}
		return Outcome.NONE;
	}

}

package io.zhengwu.assistant.knowledge;

import java.util.List;

import io.zhengwu.assistant.knowledge.GuideIndex.Candidate;
import io.zhengwu.assistant.knowledge.SearchResult.Outcome;

/**
 * Decides how sure a search is, from how much of the question the best guide covers and how far
 * ahead of the runner-up it is. The thresholds were calibrated with the {@code eval} command on
 * the regression and development sets (see README, "Knowledge and retrieval"): a wrong confident
 * answer costs a citizen a wasted trip, so answering outright needs clear evidence; a choice or
 * "not found, here is a person" costs only a tap.
 */
final class Confidence {

	/** Least coverage of the question by the best guide to answer outright. */
	static final double ANSWER_COVERAGE = 0.55;

	/** Most the runner-up's score may reach, relative to the best, to answer outright. */
	static final double ANSWER_RUNNER_UP = 0.80;

	/** Least coverage to offer choices rather than say nothing fits. */
	static final double CHOOSE_COVERAGE = 0.35;

	private Confidence() {
	}

	static Outcome decide(List<Candidate> candidates) {
		if (candidates.isEmpty()) {
			return Outcome.NONE;
		}
		Candidate best = candidates.get(0);
		double runnerUp = (candidates.size() > 1) ? candidates.get(1).score() / best.score() : 0;
		if (best.coverage() >= ANSWER_COVERAGE && runnerUp <= ANSWER_RUNNER_UP) {
			return Outcome.ANSWER;
		}
		double bestCoverage = candidates.stream().limit(3).mapToDouble(Candidate::coverage).max().orElse(0);
		if (bestCoverage >= CHOOSE_COVERAGE) {
			return Outcome.CHOOSE;
		}
		return Outcome.NONE;
	}

}

package io.zhengwu.assistant.knowledge;

import java.util.List;

/**
 * How a question was matched: the outcome and the best hits, best first.
 *
 * @param outcome whether one guide clearly answers, several might, or none does
 * @param hits the best guides, best first (empty when nothing matched at all)
 */
public record SearchResult(Outcome outcome, List<Hit> hits) {

	/** Nothing matched at all (a blank question, a guide no longer there). */
	public static final SearchResult NOTHING = new SearchResult(Outcome.NONE, List.of());

	public SearchResult {
		hits = List.copyOf(hits);
	}

	/** How sure the search is. */
	public enum Outcome {

		/** One guide is clearly best: answer with it. */
		ANSWER,

		/** A few guides are close: offer them as numbered choices. */
		CHOOSE,

		/** Nothing fits well enough: say so, suggest topics, offer a person. */
		NONE

	}

	/**
	 * One guide that matched.
	 * @param guideId the guide's catalogue id
	 * @param title the guide's title in the asked language
	 * @param score the relevance score (comparable only within one search)
	 */
	public record Hit(String guideId, String title, double score) {
	}

}

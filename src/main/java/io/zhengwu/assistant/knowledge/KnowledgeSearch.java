package io.zhengwu.assistant.knowledge;

import java.util.Optional;

/**
 * What the rest of the app may ask of the knowledge base. Implementations answer from an
 * in-memory Lucene index of the published guides: fast, no network I/O, safe to call from any
 * thread while the index is being reloaded.
 */
public interface KnowledgeSearch {

	/**
	 * Searches the published guides for a citizen's question, deciding how sure the answer is.
	 * @param question the citizen's words, as typed
	 * @param language the language to answer in (used to pick titles for the hits)
	 * @return the outcome (answer, choose, none) with the best hits, best first
	 */
	SearchResult search(String question, Language language);

	/**
	 * What {@link #search} would return, if the question was asked recently and its result is
	 * still remembered: a lookup in memory, cheap enough for any thread, where {@code search} may
	 * have to run the index. Empty when not remembered (then call {@code search}).
	 */
	default Optional<SearchResult> rememberedResult(String question, Language language) {
		return Optional.empty();
	}

	/**
	 * The short answer for one guide, as sent in one WeChat text message (within WeChat's size
	 * limit, essentials first, ending with a link to the full guide page).
	 */
	Optional<String> answerText(String guideId, Language language);

	/**
	 * The message offering several guides as numbered, tappable choices.
	 */
	String choiceText(SearchResult result, Language language);

	/**
	 * The reply to a greeting or thanks ("你好", "谢谢", "བཀྲ་ཤིས་བདེ་ལེགས།", "ཐུགས་རྗེ་ཆེ།"), or empty when the
	 * text is a question to search for. Small talk gets a friendly reply, not a search.
	 */
	Optional<String> smallTalkReply(String text, Language language);

	/**
	 * A fixed reply from {@code knowledge/replies.yaml} (welcome, not-found, off-hours, ...), with
	 * {@code {name}} placeholders filled from {@code values}.
	 */
	String reply(String key, Language language, java.util.Map<String, String> values);

	/**
	 * Whether a knowledge base has been published (loaded, checked and indexed) and answers
	 * searches. The instance's readiness depends on it: until the first publication passes the
	 * checker, no traffic is sent to it. Implementations that load in the background override this.
	 */
	default boolean published() {
		return true;
	}

}

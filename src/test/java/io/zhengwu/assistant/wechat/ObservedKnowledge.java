package io.zhengwu.assistant.wechat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zhengwu.assistant.knowledge.KnowledgeSearch;
import io.zhengwu.assistant.knowledge.Language;
import io.zhengwu.assistant.knowledge.SearchResult;

/**
 * Wraps the app's knowledge search for tests: counts searches per question (to prove a message is
 * processed once) and makes a search slow when the question ends with {@code [slow N]} (N ms; the
 * marker is removed before the real search), to test the reply budget, or fail when it ends with
 * {@code [fail]}.
 */
class ObservedKnowledge implements KnowledgeSearch {

	private static final Pattern SLOW = Pattern.compile("\\s*\\[slow (\\d+)]$");

	static final Map<String, AtomicInteger> searches = new ConcurrentHashMap<>();

	private final KnowledgeSearch delegate;

	ObservedKnowledge(KnowledgeSearch delegate) {
		this.delegate = delegate;
	}

	static int searchesFor(String question) {
		AtomicInteger count = searches.get(question);
		return (count != null) ? count.get() : 0;
	}

	static String slow(String question, Duration delay) {
		return question + " [slow " + delay.toMillis() + "]";
	}

	@Override
	public SearchResult search(String question, Language language) {
		searches.computeIfAbsent(question, (q) -> new AtomicInteger()).incrementAndGet();
		if (question.endsWith("[fail]")) {
			throw new IllegalStateException("search failed on purpose (test)");
		}
		Matcher slow = SLOW.matcher(question);
		if (slow.find()) {
			try {
				Thread.sleep(Long.parseLong(slow.group(1)));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return this.delegate.search(question.substring(0, slow.start()), language);
		}
		return this.delegate.search(question, language);
	}

	@Override
	public Optional<String> answerText(String guideId, Language language) {
		return this.delegate.answerText(guideId, language);
	}

	@Override
	public String choiceText(SearchResult result, Language language) {
		return this.delegate.choiceText(result, language);
	}

	@Override
	public Optional<String> smallTalkReply(String text, Language language) {
		return this.delegate.smallTalkReply(text, language);
	}

	@Override
	public String reply(String key, Language language, Map<String, String> values) {
		return this.delegate.reply(key, language, values);
	}

}

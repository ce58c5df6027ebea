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
 * Wraps the app's real knowledge search for tests. It counts searches per question, as asked (to
 * prove a message is processed once), and obeys markers at the end of a question, removed before
 * the real search: {@code [tag X]} makes a question unique to a test, {@code [slow N]} makes the
 * search take N ms longer, {@code [hold X]} makes it wait until {@link #release release(X)} (both to
 * test the reply budget), {@code [fail]} makes it throw.
 */
class ObservedKnowledge implements KnowledgeSearch {

	private static final Pattern MARKER = Pattern.compile("\\s*\\[(tag [^\\]]*|slow (\\d+)|hold ([^\\]]*)|fail)]$");

	private static final Map<String, java.util.concurrent.CountDownLatch> holds = new ConcurrentHashMap<>();

	static final Map<String, AtomicInteger> searches = new ConcurrentHashMap<>();

	static final Map<String, String> threads = new ConcurrentHashMap<>();

	private final KnowledgeSearch delegate;

	ObservedKnowledge(KnowledgeSearch delegate) {
		this.delegate = delegate;
	}

	static int searchesFor(String question) {
		AtomicInteger count = searches.get(question);
		return (count != null) ? count.get() : 0;
	}

	static String tagged(String question, String tag) {
		return question + " [tag " + tag + "]";
	}

	static String slow(String question, Duration delay) {
		return question + " [slow " + delay.toMillis() + "]";
	}

	/** The question, held in the search until {@link #release(String)} is called with the same id. */
	static String held(String question, String id) {
		holds.put(id, new java.util.concurrent.CountDownLatch(1));
		return question + " [hold " + id + "]";
	}

	static void release(String id) {
		holds.get(id).countDown();
	}

	static String failing(String question) {
		return question + " [fail]";
	}

	@Override
	public SearchResult search(String question, Language language) {
		searches.computeIfAbsent(question, (q) -> new AtomicInteger()).incrementAndGet();
		threads.put(question, Thread.currentThread().getName());
		String real = question;
		Matcher marker = MARKER.matcher(real);
		while (marker.find()) {
			if (marker.group(1).equals("fail")) {
				throw new IllegalStateException("search failed on purpose (test)");
			}
			if (marker.group(2) != null) {
				sleep(Long.parseLong(marker.group(2)));
			}
			if (marker.group(3) != null) {
				await(holds.get(marker.group(3)));
			}
			real = real.substring(0, marker.start());
			marker = MARKER.matcher(real);
		}
		return this.delegate.search(real, language);
	}

	private static void await(java.util.concurrent.CountDownLatch latch) {
		try {
			latch.await(60, java.util.concurrent.TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
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

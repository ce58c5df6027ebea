package io.zhengwu.assistant.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The fake WeChat API's memory and switches: every call it received, every message it accepted
 * for a citizen, the menu, the access tokens it issued, and the failures it has been told to
 * answer with. The API itself is served under {@code /simulator/wx} (WxJava is pointed there
 * through {@code WxMpHostConfig}); only the simulator has this bean (no {@code WECHAT_APP_SECRET}).
 *
 * <p>For tests of other features:
 * <pre>
 * fakeWechatApi.failFor(openId, 45015);                       // outside the 48-hour window
 * SentMessage sent = fakeWechatApi.awaitMessage(openId, Duration.ofSeconds(10));
 * assertThat(sent.text()).contains("身份证");
 * </pre>
 * Use a random openid per test: records are kept per openid, failures can be set per openid, and
 * {@link #failAll}/{@link #down} affect every test sharing the application context.
 */
public class FakeWechatApi {

	/** Records kept, the oldest dropped first, so a long simulator session stays small. */
	static final int KEPT = 10_000;

	/** How long an access token is valid, in seconds, as WeChat's. */
	static final int TOKEN_SECONDS = 7200;

	private final Object lock = new Object();

	private final Deque<ApiCall> calls = new ArrayDeque<>();

	private final Deque<SentMessage> sent = new ArrayDeque<>();

	private final Set<String> validTokens = ConcurrentHashMap.newKeySet();

	private final Map<String, Integer> failuresByOpenId = new ConcurrentHashMap<>();

	private final AtomicInteger tokenRequests = new AtomicInteger();

	private final AtomicInteger forcedRefreshes = new AtomicInteger();

	private final Sinks.Many<Push> pushes = Sinks.many().multicast().directBestEffort();

	private volatile String currentToken;

	private volatile Instant currentTokenExpiry = Instant.EPOCH;

	private volatile int failAll;

	private volatile boolean down;

	private volatile String menu;

	// ---- what reached "WeChat"

	/** Every call received, oldest first (the last {@value #KEPT}). */
	public List<ApiCall> calls() {
		synchronized (this.lock) {
			return List.copyOf(this.calls);
		}
	}

	/**
	 * The messages accepted for a citizen (customer-service and template messages), oldest first.
	 * Refused sends (an error code was answered) are not here; they are in {@link #calls()}.
	 */
	public List<SentMessage> sentMessages(String openId) {
		synchronized (this.lock) {
			return this.sent.stream().filter((message) -> message.openId().equals(openId)).toList();
		}
	}

	/**
	 * Waits until a message has been accepted for the citizen and returns the first one. Blocking:
	 * for tests, never on an event-loop thread.
	 * @throws AssertionError when none arrives within {@code timeout}
	 */
	public SentMessage awaitMessage(String openId, Duration timeout) {
		return awaitMessages(openId, 1, timeout).get(0);
	}

	/**
	 * Waits until {@code count} messages have been accepted for the citizen and returns them all,
	 * oldest first. Blocking: for tests only.
	 * @throws AssertionError when fewer arrive within {@code timeout}
	 */
	public List<SentMessage> awaitMessages(String openId, int count, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.lock) {
			while (true) {
				List<SentMessage> messages = sentMessages(openId);
				if (messages.size() >= count) {
					return messages;
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new AssertionError("the fake WeChat API received " + messages.size() + " of " + count
							+ " expected message(s) for the citizen within " + timeout);
				}
				try {
					this.lock.wait(Math.max(1, left / 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new AssertionError("interrupted while waiting for a message", ex);
				}
			}
		}
	}

	/** Messages accepted for the citizen from now on, as they arrive. */
	public Flux<SentMessage> messages(String openId) {
		return pushes(openId).filter((push) -> push.message() != null).map(Push::message);
	}

	/** The menu as last created ({@code {"button":[...]}}), empty when none is or it was deleted. */
	public Optional<String> menu() {
		return Optional.ofNullable(this.menu);
	}

	/** How many access tokens were asked for (plain and stable token APIs). */
	public int tokenRequests() {
		return this.tokenRequests.get();
	}

	/** How many stable-token requests asked for {@code force_refresh}. */
	public int forcedTokenRefreshes() {
		return this.forcedRefreshes.get();
	}

	// ---- failures on demand

	/**
	 * Makes every call except the token APIs answer WeChat's {@code errcode}, e.g. 40001 (invalid
	 * access token), 45047 (too many messages), -1 (system busy), until {@link #reset()}.
	 */
	public void failAll(int errcode) {
		this.failAll = errcode;
	}

	/**
	 * Makes every send to one citizen answer {@code errcode}, e.g. 45015 (outside the 48-hour
	 * window) or 45047 (out of the per-window quota), until {@link #reset()}.
	 */
	public void failFor(String openId, int errcode) {
		this.failuresByOpenId.put(openId, errcode);
	}

	/** Makes every call, token APIs included, answer HTTP 503 with no body, until {@link #reset()}. */
	public void down() {
		this.down = true;
	}

	/** Makes all access tokens issued so far invalid: the next call with one gets 40001. */
	public void invalidateAccessTokens() {
		this.validTokens.clear();
		this.currentToken = null;
	}

	/** Ends every failure set with {@link #failAll}, {@link #failFor} and {@link #down}. */
	public void reset() {
		this.failAll = 0;
		this.failuresByOpenId.clear();
		this.down = false;
	}

	// ---- used by the API endpoints

	boolean isDown() {
		return this.down;
	}

	int failAllCode() {
		return this.failAll;
	}

	int failureFor(String openId) {
		return this.failuresByOpenId.getOrDefault(openId, 0);
	}

	boolean validToken(String token) {
		return token != null && this.validTokens.contains(token);
	}

	/** Issues an access token: the current one while it is valid, unless a new one is forced. */
	String issueToken(boolean force) {
		this.tokenRequests.incrementAndGet();
		if (force) {
			this.forcedRefreshes.incrementAndGet();
		}
		synchronized (this.lock) {
			if (force || this.currentToken == null || Instant.now().isAfter(this.currentTokenExpiry)) {
				this.currentToken = "SIM_" + UUID.randomUUID().toString().replace("-", "");
				this.currentTokenExpiry = Instant.now().plusSeconds(TOKEN_SECONDS - 60);
				this.validTokens.add(this.currentToken);
			}
			return this.currentToken;
		}
	}

	void setMenu(String menu) {
		this.menu = menu;
	}

	void record(ApiCall call) {
		synchronized (this.lock) {
			keep(this.calls, call);
		}
	}

	void accept(SentMessage message) {
		synchronized (this.lock) {
			keep(this.sent, message);
			this.lock.notifyAll();
		}
		this.pushes.tryEmitNext(new Push(message.openId(), message, false));
	}

	void typing(String openId, boolean typing) {
		this.pushes.tryEmitNext(new Push(openId, null, typing));
	}

	/** Messages and typing notices for one citizen from now on, for the chat page. */
	Flux<Push> pushes(String openId) {
		return this.pushes.asFlux().filter((push) -> push.openId().equals(openId));
	}

	private static <T> void keep(Deque<T> records, T record) {
		if (records.size() >= KEPT) {
			records.removeFirst();
		}
		records.addLast(record);
	}

	/**
	 * One call the fake WeChat API received.
	 * @param at when
	 * @param method the HTTP method
	 * @param path the API path, e.g. {@code /cgi-bin/message/custom/send}
	 * @param body the request body ({@code ""} for GET)
	 * @param errcode what it answered ({@code 0}: ok; {@code 503}: it was down)
	 */
	public record ApiCall(Instant at, String method, String path, String body, int errcode) {
	}

	/**
	 * A message accepted for a citizen.
	 * @param at when
	 * @param openId the citizen
	 * @param msgType {@code text}, {@code news}, {@code msgmenu}, {@code template}, ...
	 * @param text what the citizen reads: the text, or the titles / choices / template values, one a line
	 * @param json the request body as sent
	 */
	public record SentMessage(Instant at, String openId, String msgType, String text, String json) {
	}

	/** A message or a typing notice for the chat page. */
	record Push(String openId, SentMessage message, boolean typing) {
	}

}

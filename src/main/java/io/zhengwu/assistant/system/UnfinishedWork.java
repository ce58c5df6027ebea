package io.zhengwu.assistant.system;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;

import reactor.core.publisher.Mono;

/**
 * Work that must run to its end whether or not anybody still waits for it. A request whose client
 * goes away (WeChat or a browser dropping the connection, an instance stopping closes it) cancels
 * its reactive chain; work of several steps (Redis, WeChat, the audit) must not stop half-way with
 * it. On shutdown the instance waits for what is still running (up to
 * {@code spring.lifecycle.timeout-per-shutdown-phase}), after the web server has finished its
 * in-flight calls and before Redis and the WeChat client are closed, so a rolling update loses
 * nothing. Each feature has its own (the webhook's late answers, the hand-off's actions), so that
 * each runs on its own and says what it waits for.
 */
public class UnfinishedWork implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(UnfinishedWork.class);

	/** After the web server's graceful shutdown (which may still start work), before everything else. */
	public static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 512;

	private final String what;

	private final Set<Object> running = ConcurrentHashMap.newKeySet();

	private volatile boolean started;

	/** Shutdown has waited for everything it found running: later work is not waited for. */
	private volatile boolean waitedFor;

	/** @param what what is waited for, plural, for the shutdown log ("answers still to be sent") */
	protected UnfinishedWork(String what) {
		this.what = what;
	}

	/**
	 * Starts {@code work} at once and runs it to its end, independently of whoever subscribes to
	 * the result; shutdown waits for it.
	 * @return the work's outcome, for as long as the caller cares (cancelling it stops nothing);
	 * errors are the caller's to report when it still listens, else the work's own
	 */
	public <T> Mono<T> run(Mono<T> work) {
		if (this.waitedFor) {
			// Nothing will wait for it: a path that starts work too late to be waited for shows here.
			log.warn("Work started after shutdown waited for the " + this.what
					+ ": it may be cut off when Redis and WeChat's client close");
		}
		Mono<T> outcome = work.cache();
		Object token = new Object();
		this.running.add(token);
		outcome.doFinally((signal) -> done(token)).subscribe((value) -> {
		}, (ex) -> {
		});
		return outcome;
	}

	/** How many are still running (for tests and the shutdown log). */
	public int count() {
		return this.running.size();
	}

	private void done(Object token) {
		synchronized (this.running) {
			this.running.remove(token);
			this.running.notifyAll();
		}
	}

	@Override
	public void start() {
		this.waitedFor = false;
		this.started = true;
	}

	@Override
	public void stop(Runnable callback) {
		if (this.running.isEmpty()) {
			stopped(callback);
			return;
		}
		log.info("Waiting for " + this.running.size() + " " + this.what + " before shutting down");
		Thread waiter = new Thread(() -> {
			synchronized (this.running) {
				while (!this.running.isEmpty()) {
					try {
						this.running.wait(100);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						break;
					}
				}
			}
			stopped(callback);
		}, "unfinished-work-shutdown");
		waiter.setDaemon(true);
		waiter.start();
	}

	/** Everything found running has ended: shutdown goes on. */
	private void stopped(Runnable callback) {
		this.waitedFor = true;
		this.started = false;
		callback.run();
	}

	@Override
	public void stop() {
		stop(() -> {
		});
	}

	@Override
	public boolean isRunning() {
		return this.started;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}

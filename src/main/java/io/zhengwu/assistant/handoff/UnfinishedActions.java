package io.zhengwu.assistant.handoff;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;

import reactor.core.publisher.Mono;

/**
 * Hand-off work that must run to its end whether or not anybody still waits for it: an officer's
 * action (a claim, a reply, a close...) changes Redis, WeChat and the audit in several steps, and a
 * browser that goes away half-way (tab closed, network lost, an instance stopping closes the
 * connection) cancels the request's chain; the work must not stop with it, or a reply is sent to
 * the citizen but shown as {@code sending}, a chat is claimed without its audit and event, a
 * chat is ended without its goodbye. On shutdown the instance waits for what is still running (up
 * to {@code spring.lifecycle.timeout-per-shutdown-phase}), after the web server has finished its
 * in-flight calls and before Redis and the WeChat client are closed.
 */
class UnfinishedActions implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(UnfinishedActions.class);

	/** After the web server's graceful shutdown (which may still start work), before everything else. */
	static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 512;

	private final Set<Object> running = ConcurrentHashMap.newKeySet();

	private volatile boolean started;

	/**
	 * Starts {@code work} at once and runs it to its end, independently of whoever subscribes to
	 * the result; shutdown waits for it.
	 * @return the work's outcome, for as long as the caller cares (cancelling it stops nothing)
	 */
	<T> Mono<T> run(Mono<T> work) {
		Mono<T> outcome = work.cache();
		Object token = new Object();
		this.running.add(token);
		// Errors are the caller's to report (when it still listens) or the work's own.
		outcome.doFinally((signal) -> done(token)).subscribe((value) -> {
		}, (ex) -> {
		});
		return outcome;
	}

	/** How many are still running (for tests and the shutdown log). */
	int count() {
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
		this.started = true;
	}

	@Override
	public void stop(Runnable callback) {
		if (this.running.isEmpty()) {
			this.started = false;
			callback.run();
			return;
		}
		log.info("Waiting for " + this.running.size() + " hand-off action(s) to finish before shutting down");
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
			this.started = false;
			callback.run();
		}, "unfinished-handoff-actions-shutdown");
		waiter.setDaemon(true);
		waiter.start();
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

package io.zhengwu.assistant.wechat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Work a webhook call leaves running when it returns: an answer that missed the reply budget and
 * still has to go out as a customer-service message. On shutdown the instance waits for it (up to
 * {@code spring.lifecycle.timeout-per-shutdown-phase}), after the web server has finished its
 * in-flight calls and before Redis and the WeChat client are closed, so a rolling update loses no
 * answer.
 */
@Component
class UnfinishedAnswers implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(UnfinishedAnswers.class);

	/** After the web server's graceful shutdown (which may still start work), before everything else. */
	static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 512;

	private final Set<Object> running = ConcurrentHashMap.newKeySet();

	private volatile boolean started;

	/**
	 * Runs {@code work} to its end, independently of the call that started it; shutdown waits for it.
	 * Errors are the work's own to report.
	 */
	void run(Mono<?> work) {
		Object token = new Object();
		this.running.add(token);
		work.doFinally((signal) -> done(token)).subscribe((value) -> {
		}, (ex) -> {
		});
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
		log.info("Waiting for " + this.running.size() + " answer(s) still to be sent before shutting down");
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
		}, "unfinished-answers-shutdown");
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

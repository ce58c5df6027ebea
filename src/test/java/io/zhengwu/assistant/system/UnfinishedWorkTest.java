package io.zhengwu.assistant.system;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class UnfinishedWorkTest {

	@Test
	void shutdownWaitsUntilEveryStartedAnswerHasBeenSent() throws InterruptedException {
		UnfinishedWork answers = work();
		answers.start();
		Sinks.One<String> sending = Sinks.one();
		AtomicBoolean sent = new AtomicBoolean();
		answers.run(sending.asMono().doOnNext((text) -> sent.set(true)));
		CountDownLatch stopped = new CountDownLatch(1);

		answers.stop(stopped::countDown);

		assertThat(stopped.await(200, TimeUnit.MILLISECONDS)).as("stopped before the answer went out").isFalse();
		assertThat(answers.isRunning()).isTrue();
		sending.tryEmitValue("答案");
		assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(sent).isTrue();
		assertThat(answers.isRunning()).isFalse();
	}

	@Test
	void aFailedAnswerDoesNotHoldUpShutdown() throws InterruptedException {
		UnfinishedWork answers = work();
		answers.start();
		answers.run(Mono.error(new IllegalStateException("45015: out of the 48-hour window")));
		answers.run(Mono.delay(Duration.ofMillis(50)));
		CountDownLatch stopped = new CountDownLatch(1);

		answers.stop(stopped::countDown);

		assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(answers.count()).isZero();
	}

	@Test
	void workStartedAfterShutdownHasWaitedIsRunButSaidInTheLog(CapturedOutput output) throws InterruptedException {
		UnfinishedWork answers = work();
		answers.start();
		answers.run(Mono.just("before"));
		assertThat(output).doesNotContain("after shutdown waited");
		CountDownLatch stopped = new CountDownLatch(1);
		answers.stop(stopped::countDown);
		assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();

		assertThat(answers.run(Mono.just("late")).block(Duration.ofSeconds(10))).isEqualTo("late");
		assertThat(output).contains("Work started after shutdown waited for the test work");
	}

	@Test
	void itStopsAfterTheWebServerHasFinishedItsCalls() {
		assertThat(work().getPhase()).isLessThan(
				org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE);
	}

	@Test
	void workWhoseCallerStopsListeningRunsOnAndShutdownWaitsForIt() throws InterruptedException {
		UnfinishedWork actions = work();
		actions.start();
		Sinks.Empty<Void> sending = Sinks.empty();
		AtomicBoolean finished = new AtomicBoolean();
		Disposable request = actions.run(sending.asMono().doOnSuccess((done) -> finished.set(true))).subscribe();
		request.dispose();
		CountDownLatch stopped = new CountDownLatch(1);

		actions.stop(stopped::countDown);

		assertThat(stopped.await(200, TimeUnit.MILLISECONDS)).as("stopped before the work ended").isFalse();
		sending.tryEmitEmpty();
		assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(finished).as("the work ran to its end after its caller went away").isTrue();
		assertThat(actions.count()).isZero();
	}

	private static UnfinishedWork work() {
		return new UnfinishedWork("test work") {
		};
	}

}

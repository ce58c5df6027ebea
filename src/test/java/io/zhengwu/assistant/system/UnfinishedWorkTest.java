package io.zhengwu.assistant.wechat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

class UnfinishedAnswersTest {

	@Test
	void shutdownWaitsUntilEveryStartedAnswerHasBeenSent() throws InterruptedException {
		UnfinishedAnswers answers = new UnfinishedAnswers();
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
		UnfinishedAnswers answers = new UnfinishedAnswers();
		answers.start();
		answers.run(Mono.error(new WechatApiException(45015, "out of the 48-hour window", null)));
		answers.run(Mono.delay(Duration.ofMillis(50)));
		CountDownLatch stopped = new CountDownLatch(1);

		answers.stop(stopped::countDown);

		assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(answers.count()).isZero();
	}

	@Test
	void itStopsAfterTheWebServerHasFinishedItsCalls() {
		assertThat(new UnfinishedAnswers().getPhase()).isLessThan(
				org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE);
	}

}

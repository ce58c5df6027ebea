package io.zhengwu.assistant.wechat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.zhengwu.assistant.ZhengwuAssistant;
import io.zhengwu.assistant.system.Meters;
import io.zhengwu.assistant.conversation.OpenIds;
import io.zhengwu.assistant.knowledge.KnowledgeSearch;
import io.zhengwu.assistant.simulator.FakeWechatApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import io.zhengwu.assistant.system.HeldRedisWrites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import static io.zhengwu.assistant.knowledge.Language.ZH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * WeChat's retries against the real redis-server: a message is processed once however its
 * deliveries arrive (at once, later, on another instance), every delivery gets the same reply, and
 * an answer later than the reply budget arrives as a customer-service message.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("test")
@Import(WebhookTestConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class ExactlyOnceTest {

	static final String TOKEN = WechatConfiguration.generateToken();

	static final String APP_ID = "wxonce" + TOKEN.substring(0, 12);

	static final String BUDGET = "8s";

	static final String LOST_ID = "身份证丢了怎么办";

	static ConfigurableApplicationContext otherInstance;

	@DynamicPropertySource
	static void account(DynamicPropertyRegistry registry) {
		registry.add("zhengwu.wechat.app-id", () -> APP_ID);
		registry.add("zhengwu.wechat.token", () -> TOKEN);
		registry.add("zhengwu.wechat.aes-key", () -> "");
		registry.add("zhengwu.wechat.reply-budget", () -> BUDGET);
	}

	@BeforeAll
	static void startASecondInstanceOnTheSameRedis() {
		otherInstance = new SpringApplicationBuilder(ZhengwuAssistant.class, WebhookTestConfiguration.class)
			.profiles("test")
			// As arguments, so they win over application.yaml as the test's own properties do.
			.run("--server.port=0", "--zhengwu.wechat.app-id=" + APP_ID, "--zhengwu.wechat.token=" + TOKEN,
					"--zhengwu.wechat.aes-key=", "--zhengwu.wechat.reply-budget=" + BUDGET);
	}

	@AfterAll
	static void stopTheSecondInstance() {
		if (otherInstance != null) {
			otherInstance.close();
		}
	}

	@Autowired
	WebTestClient client;

	@Autowired
	KnowledgeSearch knowledge;

	@Autowired
	FakeWechatApi fakeWechatApi;

	@Autowired
	MeterRegistry meters;

	@Autowired
	CustomerServiceMessages customerService;

	@Autowired
	org.springframework.data.redis.core.ReactiveStringRedisTemplate redis;

	@Autowired
	WechatProperties properties;

	@Autowired
	StringRedisTemplate stringRedis;

	@Autowired
	Deliveries deliveries;

	@Autowired
	io.zhengwu.assistant.system.RedisScripts redisScripts;

	@Autowired
	UnfinishedAnswers unfinishedAnswers;

	String lostIdAnswer() {
		return new Replies(this.knowledge).answer("id-card-lost", ZH);
	}

	WebTestClient otherClient() {
		int port = ((WebServerApplicationContext) otherInstance).getWebServer().getPort();
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
	}

	@Test
	void threeConcurrentDeliveriesOfOneMessageAreProcessedOnceAndAllGetTheSameReply() throws Exception {
		Citizen citizen = new Citizen(this.client, TOKEN, APP_ID);
		String question = ObservedKnowledge.slow(ObservedKnowledge.tagged(LOST_ID, citizen.openId), Duration.ofMillis(700));
		List<String> replies = atOnce(List.of(citizen, citizen, citizen), citizen.text(question));
		assertThat(Citizen.content(replies.get(0))).isEqualTo(lostIdAnswer());
		assertThat(replies).containsOnly(replies.get(0));
		assertThat(ObservedKnowledge.searchesFor(question)).isEqualTo(1);
	}

	/** Each citizen (a connection to an instance) delivers the message, all at the same moment: the replies. */
	private static List<String> atOnce(List<Citizen> deliverers, String xml) {
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(deliverers.size());
		try {
			List<CompletableFuture<String>> deliveries = deliverers.stream()
				.map((citizen) -> CompletableFuture.supplyAsync(() -> {
					await(start);
					return citizen.ask(xml);
				}, pool))
				.toList();
			start.countDown();
			return deliveries.stream().map(CompletableFuture::join).toList();
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aRetryLandingOnAnotherInstanceIsNotProcessedAgainAndGetsTheSameReply() {
		Citizen onA = new Citizen(this.client, TOKEN, APP_ID);
		String question = ObservedKnowledge.tagged(LOST_ID, onA.openId);
		String xml = onA.text(question);
		String first = onA.ask(xml);
		String retryOnB = new Citizen(otherClient(), TOKEN, APP_ID).ask(xml);
		assertThat(Citizen.content(first)).isEqualTo(lostIdAnswer());
		assertThat(retryOnB).isEqualTo(first);
		assertThat(ObservedKnowledge.searchesFor(question)).isEqualTo(1);
	}

	@Test
	void aRetryOnAnotherInstanceWhileTheFirstIsStillProcessingWaitsForItsReply() throws Exception {
		Citizen onA = new Citizen(this.client, TOKEN, APP_ID);
		String question = ObservedKnowledge.held(LOST_ID, onA.openId);
		String xml = onA.text(question);
		MeterRegistry metersOfB = otherInstance.getBean(MeterRegistry.class);

		CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> onA.ask(xml));
		await(() -> ObservedKnowledge.searchesFor(question) == 1);
		CompletableFuture<String> retryOnB = CompletableFuture
			.supplyAsync(() -> new Citizen(otherClient(), TOKEN, APP_ID).ask(xml));
		await(() -> metersOfB.get(Meters.RETRIES_WAITING).gauge().value() > 0);
		// B has found the message claimed by A and waits; now A's answer may come.
		ObservedKnowledge.release(onA.openId);

		assertThat(Citizen.content(first.get(30, TimeUnit.SECONDS))).isEqualTo(lostIdAnswer());
		assertThat(retryOnB.get(30, TimeUnit.SECONDS)).isEqualTo(first.get());
		assertThat(ObservedKnowledge.searchesFor(question)).isEqualTo(1);
	}

	@Test
	void anAnswerSlowerThanTheBudgetIsRepliedSuccessAndSentAsACustomerServiceMessage() {
		Citizen citizen = new Citizen(this.client, TOKEN, APP_ID);
		String question = ObservedKnowledge.held(LOST_ID, citizen.openId);
		String xml = citizen.text(question);
		String reply = citizen.ask(xml);
		assertThat(reply).isEqualTo("success");
		// The search is still held: the webhook replied without waiting for the answer.
		assertThat(this.fakeWechatApi.sentMessages(citizen.openId)).isEmpty();
		ObservedKnowledge.release(citizen.openId);

		FakeWechatApi.SentMessage sent = this.fakeWechatApi.awaitMessage(citizen.openId, Duration.ofSeconds(30));
		assertThat(sent.msgType()).isEqualTo("text");
		assertThat(sent.text()).isEqualTo(lostIdAnswer());

		// A late retry must not show the answer a second time.
		assertThat(citizen.ask(xml)).isEqualTo("success");
		assertThat(ObservedKnowledge.searchesFor(question)).isEqualTo(1);
		assertThat(this.fakeWechatApi.sentMessages(citizen.openId)).hasSize(1);
	}

	@Test
	void retriesLateAnswersAndCustomerServiceSendsAreCountedInTheMetrics() {
		double retries = count(Meters.RETRIES_DEDUPLICATED);
		double late = count(Meters.ASYNC_REPLIES);
		double sends = this.meters.counter(Meters.CS_SENDS, "result", "ok", "code", "0").count();
		double answers = this.meters.counter(Meters.ANSWERS, "outcome", "answer", "lang", "zh").count();
		long calls = this.meters.timer(Meters.WEBHOOK_LATENCY, "kind", "message").count();

		Citizen citizen = new Citizen(this.client, TOKEN, APP_ID);
		String xml = citizen.text(ObservedKnowledge.held(LOST_ID, citizen.openId));
		assertThat(citizen.ask(xml)).isEqualTo("success");
		ObservedKnowledge.release(citizen.openId);
		this.fakeWechatApi.awaitMessage(citizen.openId, Duration.ofSeconds(30));
		assertThat(citizen.ask(xml)).isEqualTo("success");

		assertThat(count(Meters.RETRIES_DEDUPLICATED)).isEqualTo(retries + 1);
		assertThat(count(Meters.ASYNC_REPLIES)).isEqualTo(late + 1);
		assertThat(this.meters.counter(Meters.CS_SENDS, "result", "ok", "code", "0").count()).isEqualTo(sends + 1);
		assertThat(this.meters.counter(Meters.ANSWERS, "outcome", "answer", "lang", "zh").count())
			.isEqualTo(answers + 1);
		assertThat(this.meters.timer(Meters.WEBHOOK_LATENCY, "kind", "message").count()).isEqualTo(calls + 2);
	}

	@Test
	void theAccessTokenIsKeptInRedisAndAnInvalidTokenIsReplacedOnceWithoutForcingARefresh() {
		Citizen citizen = new Citizen(this.client, TOKEN, APP_ID);
		CustomerServiceMessages here = this.customerService;
		reactor.test.StepVerifier.create(here.sendText(citizen.openId, "一")).expectComplete().verify(Duration.ofSeconds(30));
		String tokenKey = WechatConfiguration.TOKEN_KEY_PREFIX + ":access_token:" + APP_ID;
		assertThat(this.redis.opsForValue().get(tokenKey).block(Duration.ofSeconds(30))).isNotBlank();
		assertThat(this.redis.getExpire(tokenKey).block(Duration.ofSeconds(30))).isPositive();

		// WeChat says the token is no longer valid: it is fetched again once, without force_refresh.
		int requests = this.fakeWechatApi.tokenRequests();
		this.fakeWechatApi.invalidateAccessTokens();
		reactor.test.StepVerifier.create(here.sendText(citizen.openId, "二")).expectComplete().verify(Duration.ofSeconds(30));
		assertThat(this.fakeWechatApi.tokenRequests()).isEqualTo(requests + 1);
		assertThat(this.fakeWechatApi.forcedTokenRefreshes()).isZero();
		assertThat(this.fakeWechatApi.sentMessages(citizen.openId)).extracting(FakeWechatApi.SentMessage::text)
			.containsExactly("一", "二");
	}

	@Test
	void aMessageLeftPendingByAnInstanceThatDiedIsTakenOverByARetryOnceTheLeaseRunsOutAndItsLateAnswerIsSent() {
		double takeovers = count(Meters.DELIVERY_TAKEOVERS);
		double retries = count(Meters.RETRIES_DEDUPLICATED);
		Citizen citizen = new Citizen(this.client, TOKEN, APP_ID);
		long msgId = Citizen.nextMsgId();
		String question = ObservedKnowledge.held(LOST_ID, citizen.openId);
		String xml = citizen.text(question, msgId);
		String key = claimedByAnInstanceThatDied(citizen.openId, msgId);
		awaitRetryTime(key);

		// WeChat's retry waits for the dead claim, takes the message over when its lease runs out and
		// processes it; the search is held, so the rest of its budget runs out: success now.
		assertThat(citizen.ask(xml)).isEqualTo("success");
		assertThat(ObservedKnowledge.searchesFor(question)).as("processed by the retry").isEqualTo(1);
		assertThat(count(Meters.DELIVERY_TAKEOVERS)).isEqualTo(takeovers + 1);
		assertThat(count(Meters.RETRIES_DEDUPLICATED)).as("a retry that processed is not deduplicated").isEqualTo(retries);
		assertThat(this.fakeWechatApi.sentMessages(citizen.openId)).isEmpty();
		ObservedKnowledge.release(citizen.openId);

		// ... and the answer as a customer-service message.
		FakeWechatApi.SentMessage sent = this.fakeWechatApi.awaitMessage(citizen.openId, Duration.ofSeconds(30));
		assertThat(sent.text()).isEqualTo(lostIdAnswer());
		// WeChat's last retry gets the stored decision and is not processed again.
		assertThat(citizen.ask(xml)).isEqualTo("success");
		assertThat(ObservedKnowledge.searchesFor(question)).isEqualTo(1);
		assertThat(this.fakeWechatApi.sentMessages(citizen.openId)).hasSize(1);
		assertThat(count(Meters.RETRIES_DEDUPLICATED)).isEqualTo(retries + 1);
		// Still erasable on unsubscribe: the citizen's index names the key.
		assertThat(this.redis.opsForZSet().score(Deliveries.indexKey(citizen.openId), key).block(Duration.ofSeconds(30)))
			.isNotNull();
	}

	@Test
	void twoConcurrentRetriesOnTwoInstancesOfAMessageWhoseInstanceDiedAreProcessedExactlyOnce() throws Exception {
		MeterRegistry metersOfB = otherInstance.getBean(MeterRegistry.class);
		FakeWechatApi fakeOfB = otherInstance.getBean(FakeWechatApi.class);
		double takeoversOnA = count(Meters.DELIVERY_TAKEOVERS);
		double takeoversOnB = metersOfB.counter(Meters.DELIVERY_TAKEOVERS).count();
		double retries = count(Meters.RETRIES_DEDUPLICATED) + metersOfB.counter(Meters.RETRIES_DEDUPLICATED).count();
		Citizen onA = new Citizen(this.client, TOKEN, APP_ID);
		Citizen onB = new Citizen(otherClient(), TOKEN, APP_ID);
		long msgId = Citizen.nextMsgId();
		String question = ObservedKnowledge.held(LOST_ID, onA.openId);
		String xml = onA.text(question, msgId);
		awaitRetryTime(claimedByAnInstanceThatDied(onA.openId, msgId));

		// The winner's processing is held past its budget; the loser waits for its decision.
		assertThat(atOnce(List.of(onA, onB), xml)).containsExactly("success", "success");
		assertThat(ObservedKnowledge.searchesFor(question)).as("processed once").isEqualTo(1);
		double wonOnA = count(Meters.DELIVERY_TAKEOVERS) - takeoversOnA;
		double wonOnB = metersOfB.counter(Meters.DELIVERY_TAKEOVERS).count() - takeoversOnB;
		assertThat(wonOnA + wonOnB).as("one retry took the message over").isEqualTo(1);
		assertThat(count(Meters.RETRIES_DEDUPLICATED) + metersOfB.counter(Meters.RETRIES_DEDUPLICATED).count())
			.as("the other was not processed").isEqualTo(retries + 1);
		ObservedKnowledge.release(onA.openId);

		// The winner's instance sends the answer, once.
		FakeWechatApi winner = (wonOnA == 1) ? this.fakeWechatApi : fakeOfB;
		assertThat(winner.awaitMessage(onA.openId, Duration.ofSeconds(30)).text()).isEqualTo(lostIdAnswer());
		assertThat(this.fakeWechatApi.sentMessages(onA.openId).size() + fakeOfB.sentMessages(onA.openId).size())
			.isEqualTo(1);
	}

	@Test
	void aMessageWhoseCallGoesAwayWhileRedisRunsItsClaimIsStillProcessedAndItsReplyKeptForTheRetry() {
		String openId = new Citizen(this.client, TOKEN, APP_ID).openId;
		String deliveryId = Long.toString(Citizen.nextMsgId());
		String key = Deliveries.key(openId, deliveryId);
		// An earlier message: Redis knows the claim script (so the claim is one EVALSHA).
		assertThat(this.deliveries
			.once(openId, Long.toString(Citizen.nextMsgId()), true, () -> Mono.just("您好"), (text) -> text)
			.block(Duration.ofSeconds(30))).isEqualTo("您好");
		// Redis holds the claim (a script) while the call goes away, as when WeChat's connection drops
		// or a stopping instance closes it: the claim is won in Redis, but nobody hears it.
		try (HeldRedisWrites held = HeldRedisWrites.hold(this.stringRedis)) {
			Disposable call = this.deliveries
				.once(openId, deliveryId, true, () -> Mono.just("答复"), (text) -> "<xml>" + text + "</xml>")
				.subscribe();
			held.awaitHeld("evalsha");
			call.dispose();
		}

		// The message is processed all the same: its reply is stored for WeChat's retry, which gets it
		// instead of waiting out its budget for a claim nobody processes and replying success.
		await(() -> !Deliveries.PENDING.equals(this.stringRedis.opsForValue().get(key)));
		assertThat(this.stringRedis.opsForValue().get(key)).isEqualTo("done:<xml>答复</xml>");
	}

	@Test
	void aClaimRedisAnswersAfterTheBudgetSendsTheAnswerAsACustomerServiceMessageNotAPassiveReplyNobodyReads()
			throws Exception {
		WechatProperties p = this.properties;
		Duration budget = Duration.ofSeconds(1);
		Deliveries withOneSecond = new Deliveries(this.redis, this.redisScripts, this.customerService,
				this.unfinishedAnswers, this.meters, new WechatProperties(p.appId(), p.appSecret(), p.token(), p.aesKey(),
						p.aesKeyPrevious(), p.timestampWindow(), p.maxBody(), budget, p.dedupeTtl()));
		String openId = new Citizen(this.client, TOKEN, APP_ID).openId;
		String deliveryId = Long.toString(Citizen.nextMsgId());
		// An earlier message: Redis knows the claim script (so the claim is one EVALSHA).
		assertThat(withOneSecond
			.once(openId, Long.toString(Citizen.nextMsgId()), true, () -> Mono.just("您好"), (text) -> text)
			.block(Duration.ofSeconds(30))).isEqualTo("您好");
		CompletableFuture<String> passive;
		// Redis (slow, or failing over) holds the claim until the budget has run out: WeChat no longer
		// waits for this call, and the answer, ready at once, must not go into it.
		try (HeldRedisWrites held = HeldRedisWrites.hold(this.stringRedis)) {
			passive = withOneSecond
				.once(openId, deliveryId, true, () -> Mono.just("迟到的答复"), (text) -> "<xml>" + text + "</xml>")
				.toFuture();
			held.awaitHeld("evalsha");
			Thread.sleep(budget.toMillis() + 200); // time passing is the point: nothing to wait for
		}

		assertThat(passive.get(30, TimeUnit.SECONDS)).as("the passive reply").isEqualTo(WebhookReplies.SUCCESS);
		assertThat(this.fakeWechatApi.awaitMessage(openId, Duration.ofSeconds(30)).text()).isEqualTo("迟到的答复");
		assertThat(this.stringRedis.opsForValue().get(Deliveries.key(openId, deliveryId)))
			.as("what a retry gets").isEqualTo("done:" + WebhookReplies.SUCCESS);
	}

	@Test
	void anInstanceStoppingWhileRedisRunsAClaimWaitsForItAndProcessesTheMessage() throws Exception {
		ConfigurableApplicationContext stopping = new SpringApplicationBuilder(ZhengwuAssistant.class).profiles("test")
			.run("--server.port=0", "--zhengwu.wechat.reply-budget=" + BUDGET);
		CompletableFuture<Void> closed = null;
		try {
			Deliveries deliveriesOfStopping = stopping.getBean(Deliveries.class);
			String openId = new Citizen(this.client, TOKEN, APP_ID).openId;
			String deliveryId = Long.toString(Citizen.nextMsgId());
			String key = Deliveries.key(openId, deliveryId);
			// Redis knows the claim script already, so the claim is one EVALSHA.
			assertThat(deliveriesOfStopping
				.once(openId, Long.toString(Citizen.nextMsgId()), true, () -> Mono.just("您好"), (text) -> text)
				.block(Duration.ofSeconds(30))).isEqualTo("您好");
			// The call goes away while Redis holds its claim, and the instance is told to stop: the web
			// server has nothing in flight any more, but the claim is on its way.
			try (HeldRedisWrites held = HeldRedisWrites.hold(this.stringRedis)) {
				Disposable call = deliveriesOfStopping
					.once(openId, deliveryId, true, () -> Mono.just("答复"), (text) -> "<xml>" + text + "</xml>")
					.subscribe();
				held.awaitHeld("evalsha");
				call.dispose();
				closed = CompletableFuture.runAsync(stopping::close);
				UnfinishedAnswers unfinished = stopping.getBean(UnfinishedAnswers.class);
				await(() -> !stopping.isRunning() || unfinished.count() > 0);
				assertThat(closed).as("the stopping instance waits for the claim Redis still runs").isNotDone();
			}
			closed.get(60, TimeUnit.SECONDS);

			// Stopped only once the message was processed: its reply is kept for WeChat's retry.
			assertThat(this.stringRedis.opsForValue().get(key)).isEqualTo("done:<xml>答复</xml>");
		}
		finally {
			if (closed != null) {
				closed.get(60, TimeUnit.SECONDS);
			}
			stopping.close();
		}
	}

	/**
	 * Claims a message in Redis exactly as {@link Deliveries} does (the key {@code pending} for the
	 * lease, noted in the citizen's index), for an instance that then dies without deciding.
	 */
	private String claimedByAnInstanceThatDied(String openId, long msgId) {
		String key = Deliveries.key(openId, Long.toString(msgId));
		String index = Deliveries.indexKey(openId);
		Duration lease = Deliveries.lease(this.properties.replyBudget());
		Duration kept = lease.plus(this.properties.dedupeTtl());
		Duration wait = Duration.ofSeconds(30);
		assertThat(this.redis.opsForValue().setIfAbsent(key, Deliveries.PENDING, lease).block(wait)).isTrue();
		this.redis.opsForZSet().add(index, key, System.currentTimeMillis() + kept.toMillis()).block(wait);
		this.redis.expire(index, kept).block(wait);
		return key;
	}

	/**
	 * Waits, as WeChat waits about 5 s before retrying, until the dead claim's lease ends well within
	 * a retry's budget (3 s of the budget left after it).
	 */
	private void awaitRetryTime(String key) {
		Duration retryAt = this.properties.replyBudget().minusSeconds(3);
		await(() -> {
			Duration left = this.redis.getExpire(key).block(Duration.ofSeconds(30));
			return left != null && left.compareTo(retryAt) <= 0;
		});
		assertThat(this.redis.hasKey(key).block(Duration.ofSeconds(30))).as("the dead claim is still there").isTrue();
	}

	private double count(String counter) {
		return this.meters.counter(counter).count();
	}

	@Test
	void whenProcessingFailsTheCitizenGetsABilingualApologyAndTheLogNamesOnlyTheHashedOpenid(CapturedOutput output) {
		Citizen citizen = new Citizen(this.client, TOKEN, APP_ID);
		String reply = citizen.ask(citizen.text(ObservedKnowledge.failing(LOST_ID)));
		assertThat(Citizen.content(reply)).isEqualTo(WebhookReplies.APOLOGY);
		assertThat(output.getAll()).contains("Could not answer citizen " + OpenIds.forLog(citizen.openId))
			.doesNotContain(citizen.openId);
	}

	private static void await(java.util.function.BooleanSupplier condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("condition not met within 30 s");
			}
			java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

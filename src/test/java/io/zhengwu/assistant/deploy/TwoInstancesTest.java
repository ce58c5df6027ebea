package io.zhengwu.assistant.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.zhengwu.assistant.ZhengwuAssistant;
import io.zhengwu.assistant.handoff.ChatView;
import io.zhengwu.assistant.handoff.OfficerDesk;
import io.zhengwu.assistant.knowledge.KnowledgeSearch;
import io.zhengwu.assistant.simulator.FakeWechatApi;
import io.zhengwu.assistant.system.Meters;
import io.zhengwu.assistant.wechat.CustomerServiceMessages;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.config.WxMpHostConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the app on one real Redis (the JVM's embedded redis-server), as behind a load
 * balancer: both report healthy; a message and WeChat's retry of it landing on different instances
 * are processed once and get the same reply; and stopping one instance while messages flow loses
 * none: its calls in flight complete, calls it refuses are retried (as WeChat retries) on the other
 * instance, and no message is processed twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesTest {

	private static final String TOKEN = HexFormat.of().formatHex(randomBytes(16));

	private static final String APP_ID = "wxtwo" + TOKEN.substring(0, 13);

	private static final String ACCOUNT = "gh_twoinstances";

	private static final AtomicLong msgIds = new AtomicLong(System.currentTimeMillis() * 1000 + 7);

	private static final String QUESTION = "身份证丢了怎么补办";

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private ConfigurableApplicationContext a;

	private ConfigurableApplicationContext b;

	@BeforeAll
	void startTwoInstancesOnOneRedis() {
		this.a = start();
		this.b = start();
		// Late answers of both go to one fake WeChat API (B's), as both would reach the one real WeChat.
		String fake = url(this.b, "/simulator/wx");
		for (ConfigurableApplicationContext instance : List.of(this.a, this.b)) {
			instance.getBean(WxMpService.class).getWxMpConfigStorage().setHostConfig(new WxMpHostConfig(fake, fake, fake));
		}
	}

	@AfterAll
	void stopThem() {
		for (ConfigurableApplicationContext instance : Arrays.asList(this.a, this.b)) {
			if (instance != null && instance.isActive()) {
				instance.close();
			}
		}
	}

	private static ConfigurableApplicationContext start() {
		// Room for a slow machine: the call held open over the shutdown below must not time out.
		return start("8s");
	}

	private static ConfigurableApplicationContext start(String replyBudget) {
		return start(replyBudget, "--test.none=");
	}

	private static ConfigurableApplicationContext start(String replyBudget, String extraArg, Class<?>... extra) {
		return new SpringApplicationBuilder(ZhengwuAssistant.class).sources(extra)
			.profiles("test")
			.run("--server.port=0", "--zhengwu.wechat.app-id=" + APP_ID, "--zhengwu.wechat.token=" + TOKEN,
					"--zhengwu.wechat.aes-key=", "--zhengwu.wechat.reply-budget=" + replyBudget,
					// room for a starved machine: shutdown still waits for every late answer
					"--spring.lifecycle.timeout-per-shutdown-phase=60s", extraArg);
	}

	@Test
	@Order(1)
	void bothInstancesReportLiveAndReadyWithRedisAndTheKnowledgeBaseUp() throws Exception {
		for (ConfigurableApplicationContext instance : List.of(this.a, this.b)) {
			HttpResponse<String> liveness = get(instance, "/actuator/health/liveness");
			assertThat(liveness.statusCode()).isEqualTo(200);
			assertThat(liveness.body()).contains("\"status\":\"UP\"");
			HttpResponse<String> readiness = get(instance, "/actuator/health/readiness");
			assertThat(readiness.statusCode()).isEqualTo(200);
			assertThat(readiness.body()).contains("\"redis\":{\"status\":\"UP\"}", "\"knowledge\":{\"status\":\"UP\"}");
		}
	}

	@Test
	@Order(2)
	void aMessageAndItsRetryOnTheOtherInstanceAreProcessedOnceWithTheSameReply() throws Exception {
		double answersBefore = answers(this.a) + answers(this.b);
		double dedupedBefore = counter(this.b, Meters.RETRIES_DEDUPLICATED);
		String message = text(openId(), QUESTION, msgIds.incrementAndGet());

		HttpResponse<String> first = post(this.a, message);
		HttpResponse<String> retry = post(this.b, message);

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(content(first.body())).contains("身份证");
		assertThat(retry.statusCode()).isEqualTo(200);
		assertThat(content(retry.body())).isEqualTo(content(first.body()));
		assertThat(answers(this.a) + answers(this.b) - answersBefore).as("processed once").isEqualTo(1);
		assertThat(counter(this.b, Meters.RETRIES_DEDUPLICATED) - dedupedBefore).isEqualTo(1);
	}

	/** Last: it stops instance A. */
	@Test
	@Order(4)
	void stoppingOneInstanceWhileMessagesFlowLosesNoneAndProcessesNoneTwice() throws Exception {
		// Kept: A's registry still holds its counts after A has stopped.
		MeterRegistry metersOfA = this.a.getBean(MeterRegistry.class);
		MeterRegistry metersOfB = this.b.getBean(MeterRegistry.class);
		FakeWechatApi wechat = this.b.getBean(FakeWechatApi.class);
		StringRedisTemplate redis = this.b.getBean(StringRedisTemplate.class);
		double answersBefore = answers(metersOfA) + answers(metersOfB);
		int portOfA = port(this.a);
		int portOfB = port(this.b);

		// A call held open on A: WeChat's retry of a message B is still processing waits on A for B's reply.
		String heldOpenId = openId();
		long heldMsgId = msgIds.incrementAndGet();
		String heldKey = "zw:wechat:delivery:{" + heldOpenId + "}:" + heldMsgId;
		redis.opsForValue().set(heldKey, "pending", Duration.ofMinutes(1));
		CompletableFuture<HttpResponse<String>> held = CompletableFuture
			.supplyAsync(() -> send(portOfA, text(heldOpenId, QUESTION, heldMsgId)));
		await("A holds the call", () -> metersOfA.get(Meters.RETRIES_WAITING).gauge().value() > 0);

		int messages = 40;
		AtomicInteger replied = new AtomicInteger();
		AtomicInteger retriedElsewhere = new AtomicInteger();
		ExecutorService citizens = Executors.newFixedThreadPool(8);
		CompletableFuture<Void> stopped = new CompletableFuture<>();
		try {
			List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
			for (int i = 0; i < messages; i++) {
				int first = (i % 2 == 0) ? portOfA : portOfB;
				String openId = openId();
				String message = text(openId, QUESTION, msgIds.incrementAndGet());
				outcomes.add(CompletableFuture.supplyAsync(() -> {
					Outcome outcome = deliver(first, portOfB, message, openId, retriedElsewhere);
					if (replied.incrementAndGet() == messages / 4) {
						// A quarter answered: stop A (graceful shutdown) while the rest are in flight.
						CompletableFuture.runAsync(() -> {
							this.a.close();
							stopped.complete(null);
						});
					}
					return outcome;
				}, citizens));
			}
			// Once A refuses new calls, B finishes the held message; A's held call must still get the reply.
			await("A refuses new calls", () -> !accepts(portOfA));
			assertThat(held).isNotDone();
			String heldReply = "<xml><ToUserName><![CDATA[" + heldOpenId + "]]></ToUserName><FromUserName><![CDATA["
					+ ACCOUNT + "]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType>"
					+ "<Content><![CDATA[B的答复]]></Content></xml>";
			redis.opsForValue().set(heldKey, "done:" + heldReply, Duration.ofMinutes(1));

			HttpResponse<String> heldResponse = held.get(30, TimeUnit.SECONDS);
			assertThat(heldResponse.statusCode()).isEqualTo(200);
			assertThat(content(heldResponse.body())).isEqualTo("B的答复");

			List<Outcome> results = outcomes.stream().map((f) -> f.orTimeout(60, TimeUnit.SECONDS).join()).toList();
			stopped.get(60, TimeUnit.SECONDS);
			for (Outcome outcome : results) {
				assertThat(outcome.status()).as("reply to " + outcome.openId()).isEqualTo(200);
				if ("success".equals(outcome.body())) {
					// Over the reply budget: the answer must arrive as a customer-service message.
					assertThat(wechat.awaitMessage(outcome.openId(), Duration.ofSeconds(60)).text()).contains("身份证");
				}
				else {
					assertThat(content(outcome.body())).contains("身份证");
				}
			}
			assertThat(this.a.isActive()).isFalse();
			assertThat(answers(metersOfA) + answers(metersOfB) - answersBefore)
				.as("every message processed exactly once").isEqualTo(messages);
			assertThat(answers(metersOfA)).as("A answered some before it stopped").isGreaterThan(0);
			System.out.println("Two instances, " + messages + " messages, A stopped mid-way: "
					+ retriedElsewhere.get() + " call(s) refused by the stopping instance were answered by the other");
		}
		finally {
			citizens.shutdownNow();
		}
	}

	@Test
	@Order(5)
	void anInstanceStoppedRightAfterReplyingSuccessStillSendsEveryLateAnswer() throws Exception {
		// An instance whose searches are held open until it is stopping: every answer misses the reply
		// budget (the call gets "success") and is still being worked on when the instance stops; it must
		// go out as a customer-service message (to the one fake WeChat API, B's) during the shutdown.
		CountDownLatch searches = new CountDownLatch(1);
		ConfigurableApplicationContext c = start("500ms", "--test.held-searches=" + hold(searches), HeldSearches.class);
		CompletableFuture<Void> stopping = null;
		try {
			String fake = url(this.b, "/simulator/wx");
			c.getBean(WxMpService.class).getWxMpConfigStorage().setHostConfig(new WxMpHostConfig(fake, fake, fake));
			FakeWechatApi wechat = this.b.getBean(FakeWechatApi.class);
			int portOfC = port(c);
			List<String> citizens = java.util.stream.Stream.generate(TwoInstancesTest::openId).limit(10).toList();
			List<CompletableFuture<HttpResponse<String>>> calls = citizens.stream()
				.map((openId) -> CompletableFuture
					.supplyAsync(() -> send(portOfC, text(openId, QUESTION, msgIds.incrementAndGet()))))
				.toList();
			for (CompletableFuture<HttpResponse<String>> call : calls) {
				assertThat(call.get(30, TimeUnit.SECONDS).body()).isEqualTo("success");
			}

			stopping = CompletableFuture.runAsync(c::close);
			await("C refuses new calls", () -> !accepts(portOfC));
			assertThat(stopping).as("C waits for its unfinished answers").isNotDone();
			searches.countDown();
			stopping.get(60, TimeUnit.SECONDS);

			assertThat(c.isActive()).isFalse();
			for (String openId : citizens) {
				assertThat(wechat.awaitMessage(openId, Duration.ofSeconds(30)).text()).contains("身份证");
			}
		}
		finally {
			searches.countDown();
			if (stopping != null) {
				stopping.get(60, TimeUnit.SECONDS);
			}
			c.close();
		}
	}

	private static final Map<String, CountDownLatch> HOLDS = new ConcurrentHashMap<>();

	private static String hold(CountDownLatch latch) {
		String id = UUID.randomUUID().toString();
		HOLDS.put(id, latch);
		return id;
	}

	/**
	 * Holds every knowledge search of the instance until the latch named by
	 * {@code test.held-searches} is released, so its answers surely miss the reply budget.
	 */
	@Configuration(proxyBeanMethods = false)
	static class HeldSearches {

		@Bean
		static BeanPostProcessor heldSearches(org.springframework.core.env.Environment environment) {
			CountDownLatch latch = HOLDS.get(environment.getRequiredProperty("test.held-searches"));
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (!(bean instanceof KnowledgeSearch)) {
						return bean;
					}
					return Proxy.newProxyInstance(bean.getClass().getClassLoader(),
							ClassUtils.getAllInterfaces(bean), (proxy, method, args) -> {
								if (method.getName().equals("search")) {
									latch.await(60, TimeUnit.SECONDS);
								}
								try {
									return method.invoke(bean, args);
								}
								catch (InvocationTargetException ex) {
									throw ex.getTargetException();
								}
							});
				}
			};
		}

	}

	@Test
	@Order(3)
	void afterTrafficThePrometheusEndpointShowsEveryMetricAndTheCountersMoved() throws Exception {
		// Questions in both languages, a retry, an event.
		String zh = openId();
		String question = text(zh, QUESTION, msgIds.incrementAndGet());
		assertThat(post(this.b, question).statusCode()).isEqualTo(200);
		assertThat(post(this.b, question).statusCode()).isEqualTo(200);
		assertThat(content(post(this.b, text(openId(), "ཐོབ་ཐང་ལག་ཁྱེར་བརླག་སོང་། ག་རེ་བྱེད་དགོས།", msgIds.incrementAndGet()))
			.body())).isNotEmpty();
		assertThat(post(this.b, event(openId(), "subscribe")).statusCode()).isEqualTo(200);
		// A customer-service message WeChat refuses (outside the 48-hour window).
		String away = openId();
		FakeWechatApi wechat = this.b.getBean(FakeWechatApi.class);
		wechat.failFor(away, 45015);
		assertThat(this.b.getBean(CustomerServiceMessages.class).sendText(away, "您好").onErrorComplete().then(Mono.just(true))
			.block(Duration.ofSeconds(30))).isTrue();
		// A hand-off: the citizen asks for a person, an officer claims the chat, replies and closes it,
		// the citizen rates it.
		String citizen = openId();
		assertThat(post(this.b, text(citizen, "转人工", msgIds.incrementAndGet())).statusCode()).isEqualTo(200);
		OfficerDesk desk = this.b.getBean(OfficerDesk.class);
		String chatId = desk.queue()
			.filter((chat) -> chat.citizen().equals(pseudonym(citizen)))
			.map(ChatView::id)
			.blockFirst(Duration.ofSeconds(30));
		assertThat(chatId).as("the chat is queued").isNotNull();
		String officer = "officer-" + citizen.substring(1, 7);
		assertThat(desk.claim(chatId, officer).block(Duration.ofSeconds(30))).isTrue();
		desk.reply(chatId, officer, "您好，请讲。").block(Duration.ofSeconds(30));
		wechat.awaitMessage(citizen, Duration.ofSeconds(30));
		desk.close(chatId, officer, "answered").block(Duration.ofSeconds(30));
		assertThat(post(this.b, text(citizen, "1", msgIds.incrementAndGet())).statusCode()).isEqualTo(200);

		String scrape = get(this.b, "/actuator/prometheus").body();
		assertThat(value(scrape, "zw_webhook_latency_seconds_bucket{kind=\"message\",le=\"5.0\"}")).isPositive();
		assertThat(value(scrape, "zw_webhook_latency_seconds_bucket{kind=\"message\",le=\"4.0\"}")).isPositive();
		assertThat(value(scrape, "zw_webhook_latency_seconds_count{kind=\"event\"}")).isPositive();
		assertThat(value(scrape, "zw_answers_total{lang=\"zh\",outcome=\"answer\"}")).isPositive();
		assertThat(value(scrape, "zw_answers_total{lang=\"bo\",outcome=\"answer\"}")).isPositive();
		assertThat(value(scrape, "zw_webhook_retries_deduplicated_total")).isPositive();
		assertThat(scrape).contains("zw_webhook_async_replies_total ");
		assertThat(value(scrape, "zw_cs_sends_total{code=\"0\",result=\"ok\"}")).isPositive();
		assertThat(value(scrape, "zw_cs_sends_total{code=\"45015\",result=\"error\"}")).isPositive();
		assertThat(scrape).contains("zw_escalations_waiting ");
		assertThat(value(scrape, "zw_escalations_wait_seconds_count")).isPositive();
		assertThat(value(scrape, "zw_officer_replies_total")).isPositive();
		assertThat(value(scrape, "zw_ratings_total{rating=\"satisfied\"}")).isPositive();
	}

	/** The value of one series in Prometheus' text format. */
	private static double value(String scrape, String series) {
		return scrape.lines()
			.filter((line) -> line.startsWith(series + " "))
			.mapToDouble((line) -> Double.parseDouble(line.substring(series.length() + 1).trim()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no series " + series + " in /actuator/prometheus"));
	}

	/** How the console names a citizen: the first 4 bytes of the openid's SHA-256. */
	private static String pseudonym(String openId) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(openId.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 4);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Delivers a message as WeChat does: up to three tries; a try that cannot reach the instance
	 * (stopped, or stopping and refusing) is retried on the other one, as the load balancer would.
	 */
	private Outcome deliver(int first, int other, String message, String openId, AtomicInteger retriedElsewhere) {
		int port = first;
		for (int attempt = 1;; attempt++) {
			try {
				HttpResponse<String> response = post(port, message);
				if (response.statusCode() == 503 && attempt < 3) {
					retriedElsewhere.incrementAndGet();
					port = other;
					continue;
				}
				return new Outcome(openId, response.statusCode(), response.body());
			}
			catch (IOException ex) {
				if (attempt >= 3) {
					throw new AssertionError("message to " + openId + " not delivered in 3 tries", ex);
				}
				retriedElsewhere.incrementAndGet();
				port = other;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

	record Outcome(String openId, int status, String body) {
	}

	// ---- WeChat's side of the webhook (plaintext mode)

	private static String text(String openId, String content, long msgId) {
		return "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName><FromUserName><![CDATA[" + openId
				+ "]]></FromUserName><CreateTime>" + Instant.now().getEpochSecond()
				+ "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + content
				+ "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
	}

	private static String event(String openId, String event) {
		return "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName><FromUserName><![CDATA[" + openId
				+ "]]></FromUserName><CreateTime>" + Instant.now().getEpochSecond()
				+ "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[" + event + "]]></Event></xml>";
	}

	private HttpResponse<String> post(ConfigurableApplicationContext instance, String xml)
			throws IOException, InterruptedException {
		return post(port(instance), xml);
	}

	private HttpResponse<String> post(int port, String xml) throws IOException, InterruptedException {
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		String nonce = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
		String query = "signature=" + sign(TOKEN, timestamp, nonce) + "&timestamp=" + timestamp + "&nonce=" + nonce;
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/wechat/callback?" + query))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "text/xml")
			.POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> get(ConfigurableApplicationContext instance, String path)
			throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(url(instance, path))).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	static String sign(String... parts) {
		String[] sorted = parts.clone();
		Arrays.sort(sorted);
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-1").digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String content(String xml) {
		int start = xml.indexOf("<Content><![CDATA[");
		int end = xml.indexOf("]]></Content>");
		assertThat(start).as("a text reply: " + xml).isNotNegative();
		return xml.substring(start + "<Content><![CDATA[".length(), end);
	}

	// ---- the instances

	private static int port(ConfigurableApplicationContext instance) {
		return ((WebServerApplicationContext) instance).getWebServer().getPort();
	}

	private static String url(ConfigurableApplicationContext instance, String path) {
		return "http://127.0.0.1:" + port(instance) + path;
	}

	private static double answers(ConfigurableApplicationContext instance) {
		return answers(instance.getBean(MeterRegistry.class));
	}

	private static double answers(MeterRegistry registry) {
		return registry.find(Meters.ANSWERS).counters().stream().mapToDouble((c) -> c.count()).sum();
	}

	private static double counter(ConfigurableApplicationContext instance, String name) {
		return counter(instance.getBean(MeterRegistry.class), name);
	}

	private static double counter(MeterRegistry registry, String name) {
		return registry.find(name).counters().stream().mapToDouble((c) -> c.count()).sum();
	}

	private HttpResponse<String> send(int port, String xml) {
		try {
			return post(port, xml);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Whether a new connection to the port is accepted. */
	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void await(String what, BooleanSupplier condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError(what + ": not within 30 s");
			}
			Thread.onSpinWait();
		}
	}

	private static String openId() {
		return "o" + UUID.randomUUID().toString().replace("-", "").substring(0, 27);
	}

	private static byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

}

package io.zhengwu.assistant.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.zhengwu.assistant.system.HeldRedisWrites;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import io.zhengwu.assistant.ZhengwuAssistant;
import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;

/** Logins, roles, CSRF, lock-out and sessions of the console. */
@SpringBootTest(classes = ZhengwuAssistant.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "zhengwu.console.demo-login=false", "zhengwu.console.max-failed-logins=3" })
@ActiveProfiles("test")
@Import(ComparedPasswords.Wiring.class)
class ConsoleSecurityTest {

	static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);

	static final String OFFICER = "officer-" + SUFFIX;

	static final String EDITOR = "editor-" + SUFFIX;

	static final String ADMIN = "admin-" + SUFFIX;

	static final String PASSWORD = "pw-" + UUID.randomUUID();

	@LocalServerPort
	int port;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	StringRedisTemplate blockingRedis;

	@Autowired
	ConsoleAccounts accounts;

	@Autowired
	ComparedPasswords passwords;

	@DynamicPropertySource
	static void accounts(DynamicPropertyRegistry registry) {
		String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD);
		String[][] accounts = { { OFFICER, "OFFICER" }, { EDITOR, "EDITOR" }, { ADMIN, "ADMIN" } };
		for (int i = 0; i < accounts.length; i++) {
			String[] account = accounts[i];
			int index = i;
			registry.add("zhengwu.console.accounts[" + index + "].username", () -> account[0]);
			registry.add("zhengwu.console.accounts[" + index + "].password-hash", () -> hash);
			registry.add("zhengwu.console.accounts[" + index + "].roles", () -> account[1]);
		}
	}

	String base() {
		return "http://127.0.0.1:" + this.port;
	}

	@Test
	void withoutALoginTheApiAnswers401AndThePagesRedirectToTheLoginForm() {
		ConsoleLogin.client(base()).get().uri("/console/api/queue").exchange().expectStatus().isUnauthorized();
		ConsoleLogin.client(base()).get().uri("/console/").exchange()
			.expectStatus().isFound()
			.expectHeader().location("/console/login");
		ConsoleLogin.client(base()).get().uri("/console/login").exchange()
			.expectStatus().isOk()
			.expectBody(String.class).value((html) -> assertThat(html).contains("name=\"_csrf\"").doesNotContain("http://", "https://"));
	}

	@Test
	void eachRoleReachesItsOwnPagesOnly() {
		ConsoleLogin officer = ConsoleLogin.as(base(), OFFICER, PASSWORD);
		officer.get("/console/api/queue").exchange().expectStatus().isOk();
		officer.get("/console/api/admin/accounts").exchange().expectStatus().isForbidden();
		officer.get("/console/api/editor/knowledge").exchange().expectStatus().isForbidden();

		EntityExchangeResult<Void> editorLogin = ConsoleLogin.attempt(ConsoleLogin.client(base()), EDITOR, PASSWORD);
		assertThat(editorLogin.getResponseHeaders().getLocation()).hasToString("/console/editor");
		ConsoleLogin editor = ConsoleLogin.as(base(), EDITOR, PASSWORD, "/console/editor");
		editor.get("/console/api/queue").exchange().expectStatus().isForbidden();
		editor.get("/console/api/editor/knowledge").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.last.published").isEqualTo(true);
		editor.get("/console/api/editor/unanswered?lang=bo").exchange().expectStatus().isOk();

		ConsoleLogin admin = ConsoleLogin.as(base(), ADMIN, PASSWORD);
		admin.get("/console/api/admin/accounts").exchange().expectStatus().isOk()
			.expectBody(String.class).value((json) -> assertThat(json).contains(OFFICER).doesNotContain("bcrypt", "$2a$"));
		admin.get("/console/api/queue").exchange().expectStatus().isOk();
	}

	@Test
	void aChangeWithoutTheCsrfTokenIsRefused() {
		ConsoleLogin officer = ConsoleLogin.as(base(), OFFICER, PASSWORD);
		officer.client.post().uri("/console/api/availability").cookie("SESSION", officer.session)
			.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("available", true))
			.exchange().expectStatus().isForbidden();
		officer.post("/console/api/availability", Map.of("available", true)).expectStatus().isOk();
	}

	@Test
	void tooManyFailedLoginsLockTheAccountEvenForTheRightPassword() {
		String name = "locked-" + UUID.randomUUID().toString().substring(0, 8);
		ConsoleLogin admin = ConsoleLogin.as(base(), ADMIN, PASSWORD);
		admin.post("/console/api/admin/accounts", Map.of("username", name, "password", PASSWORD, "roles", List.of("OFFICER")))
			.expectStatus().isOk();
		for (int i = 0; i < 3; i++) {
			assertThat(ConsoleLogin.attempt(ConsoleLogin.client(base()), name, "wrong").getResponseHeaders().getLocation())
				.hasToString("/console/login?error");
		}
		EntityExchangeResult<Void> locked = ConsoleLogin.attempt(ConsoleLogin.client(base()), name, PASSWORD);
		assertThat(locked.getStatus()).isEqualTo(HttpStatus.FOUND);
		assertThat(locked.getResponseHeaders().getLocation()).hasToString("/console/login?locked");
	}

	@Test
	void loginsSentAllAtOnceGetNoMorePasswordComparisonsThanTheLimitAndThenTheAccountIsLocked() throws Exception {
		String name = "burst-" + UUID.randomUUID().toString().substring(0, 8);
		String key = "zw:console:failed:" + name;
		this.accounts.save(name, PASSWORD, Set.of(Role.OFFICER)).block(Duration.ofSeconds(30));
		String stored = this.blockingRedis.<String, String>opsForHash().get("zw:console:account:" + name, "password");
		int attempts = 20;
		List<Supplier<EntityExchangeResult<Void>>> logins = new ArrayList<>();
		for (int i = 0; i < attempts; i++) {
			logins.add(ConsoleLogin.prepare(ConsoleLogin.client(base()), name, "wrong-" + i));
		}

		// Every comparison is held, as a slow bcrypt would hold it, until all logins are in.
		this.passwords.watchAndHold(stored);
		ExecutorService threads = Executors.newFixedThreadPool(attempts);
		List<String> answers;
		try {
			AtomicInteger answered = new AtomicInteger();
			List<Future<String>> sent = logins.stream()
				.map((login) -> threads.submit(() -> {
					try {
						return String.valueOf(login.get().getResponseHeaders().getLocation());
					}
					finally {
						answered.incrementAndGet();
					}
				}))
				.toList();
			// all in: each login either answered or comparing its password (or more comparing than allowed)
			await(() -> this.passwords.comparisons() > 3 || this.passwords.comparisons() + answered.get() >= attempts);
			this.passwords.release();
			answers = new ArrayList<>();
			for (Future<String> answer : sent) {
				answers.add(answer.get(60, TimeUnit.SECONDS));
			}
		}
		finally {
			this.passwords.release();
			threads.shutdownNow();
		}

		assertThat(this.passwords.comparisons()).as("passwords compared: the limit's worth").isEqualTo(3);
		assertThat(answers).as("three wrong, the rest refused uncompared")
			.containsOnly("/console/login?error", "/console/login?locked")
			.filteredOn("/console/login?error"::equals).hasSize(3);
		assertThat(ConsoleLogin.attempt(ConsoleLogin.client(base()), name, PASSWORD).getResponseHeaders().getLocation())
			.as("the right password, while locked").hasToString("/console/login?locked");
		assertThat(this.passwords.comparisons()).as("nor compared").isEqualTo(3);
		assertThat(this.blockingRedis.getExpire(key, TimeUnit.MILLISECONDS)).as("locked for the lock-out")
			.isPositive().isLessThanOrEqualTo(Duration.ofMinutes(15).toMillis());

		// the lock-out ends (its counter expires): the right password logs in
		this.blockingRedis.expire(key, Duration.ofMillis(1));
		await(() -> !Boolean.TRUE.equals(this.blockingRedis.hasKey(key)));
		ConsoleLogin.as(base(), name, PASSWORD).get("/console/api/mine").exchange().expectStatus().isOk();
		assertThat(this.blockingRedis.hasKey(key)).as("a login starts afresh").isFalse();
	}

	@Test
	void aDisabledAccountIsRefusedAsAWrongLoginWithoutUsingUpItsAttempts() {
		String name = "disabled-" + UUID.randomUUID().toString().substring(0, 8);
		this.accounts.save(name, PASSWORD, Set.of(Role.OFFICER))
			.then(this.accounts.setDisabled(name, true))
			.block(Duration.ofSeconds(30));
		for (int i = 0; i < 4; i++) {
			assertThat(ConsoleLogin.attempt(ConsoleLogin.client(base()), name, PASSWORD).getResponseHeaders().getLocation())
				.as("refused, not locked").hasToString("/console/login?error");
		}
		assertThat(this.blockingRedis.opsForValue().get("zw:console:failed:" + name)).as("attempts counted").isIn(null, "0");

		this.accounts.setDisabled(name, false).block(Duration.ofSeconds(30));
		ConsoleLogin.as(base(), name, PASSWORD).get("/console/api/mine").exchange().expectStatus().isOk();
	}

	@Test
	void aFailedLoginWhoseConnectionGoesAwayWhileRedisCountsItStillLocksOnlyForTheLockOut() {
		String name = "dropped-" + UUID.randomUUID().toString().substring(0, 8);
		String key = "zw:console:failed:" + name;
		// Redis holds the count while the login's connection goes away: the count is taken, nobody hears it.
		try (HeldRedisWrites held = HeldRedisWrites.hold(this.blockingRedis)) {
			Disposable login = this.accounts.reserve(name, 3, Duration.ofMinutes(15)).subscribe();
			held.awaitHeld("incr", "evalsha", "eval");
			login.dispose();
		}

		await(() -> "1".equals(this.blockingRedis.opsForValue().get(key)));
		assertThat(this.blockingRedis.getExpire(key)).as("seconds the account stays counted (not for ever: -1)")
			.isPositive();
	}

	@Test
	void anAccountSavedWhileTheAdminsConnectionGoesAwayIsListedBeforeItCanLogIn() {
		String name = "half-" + UUID.randomUUID().toString().substring(0, 8);
		// Redis holds the save's first write while the admin's connection goes away.
		try (HeldRedisWrites held = HeldRedisWrites.hold(this.blockingRedis)) {
			Disposable save = this.accounts.save(name, PASSWORD, java.util.Set.of(Role.OFFICER)).subscribe();
			held.awaitHeld("sadd", "hset", "hmset");
			save.dispose();
		}

		await(() -> Boolean.TRUE.equals(this.blockingRedis.hasKey("zw:console:account:" + name))
				|| Boolean.TRUE.equals(this.blockingRedis.opsForSet().isMember("zw:console:accounts", name)));
		assertThat(this.accounts.list().map(ConsoleAccounts.AccountView::username).collectList().block(Duration.ofSeconds(30)))
			.as("on the admin's list, where it can be seen, saved again or disabled")
			.contains(name);
		assertThat(this.accounts.findByUsername(name).blockOptional(Duration.ofSeconds(30)))
			.as("no login until its password is saved").isEmpty();
	}

	@Test
	void anAccountCreatedOnTheAdminPageLogsInAndItsPasswordIsStoredOnlyAsABcryptHash() {
		String name = "new-" + UUID.randomUUID().toString().substring(0, 8);
		ConsoleLogin admin = ConsoleLogin.as(base(), ADMIN, PASSWORD);
		admin.post("/console/api/admin/accounts", Map.of("username", name, "password", "short", "roles", List.of("OFFICER")))
			.expectStatus().isBadRequest();
		admin.post("/console/api/admin/accounts", Map.of("username", name, "password", PASSWORD, "roles", List.of("OFFICER")))
			.expectStatus().isOk();
		String stored = this.redis.<String, String>opsForHash().get("zw:console:account:" + name, "password")
			.block(Duration.ofSeconds(30));
		assertThat(stored).startsWith("{bcrypt}$2").doesNotContain(PASSWORD);
		ConsoleLogin.as(base(), name, PASSWORD).get("/console/api/mine").exchange().expectStatus().isOk();
	}

	@Test
	void theSessionLivesInRedisAndExpiresAfterThirtyMinutesIdle() {
		ConsoleLogin officer = ConsoleLogin.as(base(), OFFICER, PASSWORD);
		Long ttl = this.redis.getExpire("zw:session:sessions:" + officer.session).map(Duration::getSeconds)
			.block(Duration.ofSeconds(30));
		assertThat(ttl).isPositive().isLessThanOrEqualTo(1800);
		officer.post("/console/logout", null).expectStatus().isFound();
		officer.get("/console/api/queue").exchange().expectStatus().isUnauthorized();
	}


	private static void await(java.util.function.BooleanSupplier condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("condition not met within 30 s");
			}
			Thread.onSpinWait();
		}
	}

}

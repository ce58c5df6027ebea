package io.zhengwu.assistant.knowledge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;

import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** The knowledge admin interface of the running app: reload, last report, unanswered questions in Redis. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("test")
class KnowledgeAdminTest {

	static final Duration TIMEOUT = Duration.ofSeconds(60);

	@Autowired
	KnowledgeAdmin admin;

	@Autowired
	KnowledgeSearch search;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Test
	void theServicePublishedTheRealKnowledgeAtStartUp() {
		assertThat(this.admin.lastReload()).isNotNull();
		assertThat(this.admin.lastReload().published()).isTrue();
		assertThat(this.admin.lastReload().guides()).isGreaterThanOrEqualTo(40);
	}

	@Test
	void anEditorsReloadPublishesAgainAndBecomesTheLastReport() {
		StepVerifier.create(this.admin.reload())
			.assertNext((report) -> {
				assertThat(report.published()).isTrue();
				assertThat(this.admin.lastReload()).isEqualTo(report);
			})
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.search.search("身份证丢了怎么补办", Language.ZH).hits()).isNotEmpty();
	}

	@Test
	void unansweredQuestionsAreCountedPerLanguageWithoutLongNumbers() {
		// letters only: a run of six digits in the marker would be masked like the ID number
		String marker = UUID.randomUUID().toString().substring(0, 8).replaceAll("[0-9]", "k");
		String question = "我的身份证号 540102199001011234 查不到 " + marker;
		StepVerifier.create(this.admin.recordUnanswered(question, Language.ZH)
			.then(this.admin.recordUnanswered("  " + question + " ", Language.ZH))
			.thenMany(this.admin.unanswered(Language.ZH, 10_000))
			.filter((entry) -> entry.question().contains(marker)))
			.assertNext((entry) -> {
				assertThat(entry.count()).isEqualTo(2);
				assertThat(entry.language()).isEqualTo(Language.ZH);
				assertThat(entry.question()).doesNotContain("540102199001011234").contains("＊＊＊");
				assertThat(entry.lastAsked()).isAfter(java.time.Instant.now().minusSeconds(60));
			})
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(this.admin.unanswered(Language.BO, 10_000).filter((entry) -> entry.question().contains(marker)))
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(this.redis.getExpire(UnansweredQuestions.countKey(Language.ZH)))
			.assertNext((ttl) -> assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofDays(90)))
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(this.admin.dismissUnanswered(question, Language.ZH)
			.thenMany(this.admin.unanswered(Language.ZH, 10_000))
			.filter((entry) -> entry.question().contains(marker)))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void recordingAQuestionDropsTheOnesNotAskedWithinTheRetentionFromBothSets() {
		Duration retention = Duration.ofDays(1);
		Instant now = Instant.now();
		// letters only: a run of digits would be masked as a long number
		String marker = UUID.randomUUID().toString().replaceAll("[^a-f]", "");
		String old = "很久以前问过的问题 " + marker;
		String recent = "刚刚问的问题 " + marker;
		new UnansweredQuestions(this.redis, retention, Clock.fixed(now.minus(Duration.ofDays(3)), ZoneOffset.UTC))
			.record(old, Language.ZH)
			.block(TIMEOUT);
		assertThat(this.redis.opsForZSet().score(UnansweredQuestions.countKey(Language.ZH), old).block(TIMEOUT))
			.isEqualTo(1.0);
		new UnansweredQuestions(this.redis, retention, Clock.fixed(now, ZoneOffset.UTC)).record(recent, Language.ZH)
			.block(TIMEOUT);
		assertThat(this.redis.opsForZSet().score(UnansweredQuestions.countKey(Language.ZH), old).block(TIMEOUT))
			.as("the count of a question not asked for three days, with a retention of one").isNull();
		assertThat(this.redis.opsForZSet().score(UnansweredQuestions.lastKey(Language.ZH), old).block(TIMEOUT)).isNull();
		assertThat(this.redis.opsForZSet().score(UnansweredQuestions.countKey(Language.ZH), recent).block(TIMEOUT))
			.isEqualTo(1.0);
		assertThat(this.redis.opsForZSet().score(UnansweredQuestions.lastKey(Language.ZH), recent).block(TIMEOUT))
			.isEqualTo((double) now.toEpochMilli());
		assertThat(this.redis.getExpire(UnansweredQuestions.lastKey(Language.ZH)).block(TIMEOUT))
			.isBetween(Duration.ofHours(23), retention);
		this.admin.dismissUnanswered(recent, Language.ZH).block(TIMEOUT);
	}

}

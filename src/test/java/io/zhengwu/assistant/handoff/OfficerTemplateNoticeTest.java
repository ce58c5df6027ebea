package io.zhengwu.assistant.handoff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.zhengwu.assistant.ZhengwuAssistant;
import io.zhengwu.assistant.console.WechatCitizen;
import io.zhengwu.assistant.simulator.FakeWechatApi;
import io.zhengwu.assistant.system.Meters;
import io.zhengwu.assistant.wechat.TemplateMessages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hand-off through the real webhook tells the on-duty officer by WeChat template message (the
 * fake WeChat API stands in for WeChat): once per quiet period, never naming the citizen or what
 * they wrote, and never at the cost of the hand-off when WeChat refuses.
 */
@SpringBootTest(classes = ZhengwuAssistant.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OfficerTemplateNoticeTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	static final String TOKEN = "tok" + UUID.randomUUID().toString().replace("-", "");

	static final String TEMPLATE = "tpl-" + UUID.randomUUID();

	static final String OFFICER = "duty-" + UUID.randomUUID().toString().substring(0, 8);

	static final String OFFICER_OPENID = openId();

	static final String AWAY_OFFICER_OPENID = openId();

	@LocalServerPort
	int port;

	@Autowired
	FakeWechatApi wechat;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	MeterRegistry meters;

	@Autowired
	OfficerNotices notices;

	@Autowired
	TemplateMessages templates;

	@Autowired
	DutyRoster roster;

	@Autowired
	HandoffStore store;

	@Autowired
	org.springframework.data.redis.core.ReactiveStringRedisTemplate reactiveRedis;

	@Autowired
	HandoffProperties properties;

	/** A roster with this officer on duty all day, every day, and one with an openid who is never on duty. */
	@DynamicPropertySource
	static void officerOnDutyAndTemplate(DynamicPropertyRegistry registry) throws IOException {
		Path roster = Files.createTempFile("duty-roster", ".yaml");
		roster.toFile().deleteOnExit();
		String allDay = "[{hours: \"00:00-24:00\", officers: [" + OFFICER + "]}]";
		StringBuilder yaml = new StringBuilder("timezone: Asia/Shanghai\nofficers:\n");
		yaml.append("  ").append(OFFICER).append(": {name: {zh: 值班员, bo: ལས་བྱེད་པ།}, openid: \"").append(OFFICER_OPENID).append("\"}\n");
		yaml.append("  away: {name: {zh: 休息, bo: ངལ་གསོ།}, openid: \"").append(AWAY_OFFICER_OPENID).append("\"}\n");
		yaml.append("week:\n");
		for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) {
			yaml.append("  ").append(day).append(": ").append(allDay).append('\n');
		}
		yaml.append("holidays: []\nworkdays: []\n");
		Files.writeString(roster, yaml, StandardCharsets.UTF_8);
		registry.add("zhengwu.handoff.roster", roster::toString);
		registry.add("zhengwu.handoff.officer-template-id", () -> TEMPLATE);
		registry.add("zhengwu.wechat.token", () -> TOKEN);
	}

	@BeforeEach
	void quietPeriodOver() {
		this.redis.delete(this.redis.keys(OfficerNotices.QUIET_PREFIX + "*"));
		this.wechat.reset();
	}

	@Test
	void aHandOffSendsTheOnDutyOfficerOneTemplateMessageWithoutTheCitizensOpenidOrWords() {
		int before = noticesSoFar();
		int awayBefore = this.wechat.sentMessages(AWAY_OFFICER_OPENID).size();
		WechatCitizen citizen = new WechatCitizen(TOKEN);
		String reply = citizen.say(base(), "转人工");
		assertThat(reply).contains("排第");

		FakeWechatApi.SentMessage notice = this.wechat.awaitMessages(OFFICER_OPENID, before + 1, WAIT).get(before);
		assertThat(notice.msgType()).isEqualTo("template");
		assertThat(notice.json()).contains("\"template_id\":\"" + TEMPLATE + "\"")
			.contains("/console/")
			.doesNotContain(citizen.openId)
			.doesNotContain("转人工");
		assertThat(notice.text()).contains("群众要求人工服务");
		assertThat(this.wechat.sentMessages(AWAY_OFFICER_OPENID)).as("an officer not on duty is not told").hasSize(awayBefore);
	}

	@Test
	void aSecondHandOffWithinTheQuietPeriodSendsNoSecondNotice() {
		int before = noticesSoFar();
		say("转人工");
		this.wechat.awaitMessages(OFFICER_OPENID, before + 1, WAIT);

		assertThat(say("人工")).contains("排第");
		// the same notice as the webhook's, awaited to its end: within the quiet period it sends nothing
		this.notices.notifyOnDuty(EscalationReason.ASKED_FOR_PERSON).block(WAIT);
		assertThat(this.wechat.sentMessages(OFFICER_OPENID)).hasSize(before + 1);
	}

	@Test
	void noTemplateIdSendsNoNotice() {
		HandoffProperties p = this.properties;
		HandoffProperties off = new HandoffProperties(p.roster(), p.contacts(), p.claimTimeout(), p.minutesPerChat(),
				p.window(), p.quotaPerWindow(), p.retention(), p.sweepInterval(), p.sendAttempts(), "",
				p.officerNoticeQuiet(), p.officerTemplateFields());
		OfficerNotices none = new OfficerNotices(this.templates, this.roster, this.store, this.reactiveRedis, off,
				"http://localhost/console/", java.time.Clock.systemUTC(), new UnfinishedActions());
		assertThat(none.enabled()).isFalse();
		int before = noticesSoFar();
		int calls = this.wechat.calls().size();
		none.notifyOnDuty(EscalationReason.ASKED_FOR_PERSON).block(WAIT);
		assertThat(this.wechat.sentMessages(OFFICER_OPENID)).hasSize(before);
		assertThat(this.wechat.calls()).hasSize(calls);
	}

	@Test
	void aCategoryTemplateGetsItsOwnFieldsEachAtMostTwentyCharactersAndNoHeadingOrRemark() {
		HandoffProperties p = this.properties;
		HandoffProperties categoryTemplate = new HandoffProperties(p.roster(), p.contacts(), p.claimTimeout(),
				p.minutesPerChat(), p.window(), p.quotaPerWindow(), p.retention(), p.sweepInterval(), p.sendAttempts(),
				TEMPLATE, p.officerNoticeQuiet(), "reason=thing1, waiting=character_string2, time=time3");
		OfficerNotices notices = new OfficerNotices(this.templates, this.roster, this.store, this.reactiveRedis,
				categoryTemplate, "http://localhost/console/", java.time.Clock.systemUTC(), new UnfinishedActions());
		int before = noticesSoFar();
		notices.notifyOnDuty(EscalationReason.NOT_ANSWERED_TWICE).block(WAIT);

		FakeWechatApi.SentMessage notice = this.wechat.awaitMessages(OFFICER_OPENID, before + 1, WAIT).get(before);
		assertThat(notice.json()).contains("\"thing1\":{\"value\":\"小助手两次未能回答\"")
			.containsPattern("\"character_string2\":\\{\"value\":\"\\d+\"")
			.containsPattern("\"time3\":\\{\"value\":\"\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}\"")
			.doesNotContain("keyword1", "\"first\"", "\"remark\"", "ཐེངས་གཉིས");
	}

	@Test
	void aRefusedTemplateIsCountedByItsErrorCodeTheHandOffStillWorksAndTheNextHandOffTriesAgain() {
		this.wechat.failFor(OFFICER_OPENID, 40037);
		int sent = noticesSoFar();
		double before = refused(40037);
		String reply = say("转人工");
		assertThat(reply).contains("排第");

		long deadline = System.nanoTime() + WAIT.toNanos();
		while (refused(40037) == before && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertThat(refused(40037)).isEqualTo(before + 1);
		assertThat(this.wechat.sentMessages(OFFICER_OPENID)).as("refused, so not delivered").hasSize(sent);

		// the refused notice started no quiet period (its key goes right after the refusal is counted) ...
		long released = System.nanoTime() + WAIT.toNanos();
		while (!this.redis.keys(OfficerNotices.QUIET_PREFIX + "*").isEmpty() && System.nanoTime() < released) {
			Thread.onSpinWait();
		}
		assertThat(this.redis.keys(OfficerNotices.QUIET_PREFIX + "*")).isEmpty();
		// ... so once WeChat accepts again, the next hand-off tells the officer
		this.wechat.reset();
		this.notices.notifyOnDuty(EscalationReason.ASKED_FOR_PERSON).block(WAIT);
		assertThat(this.wechat.sentMessages(OFFICER_OPENID)).hasSize(sent + 1);
	}

	private int noticesSoFar() {
		return this.wechat.sentMessages(OFFICER_OPENID).size();
	}

	private double refused(int code) {
		Counter counter = this.meters.find(Meters.TEMPLATE_SENDS)
			.tags("result", "error", "code", Integer.toString(code))
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static String openId() {
		return "o" + UUID.randomUUID().toString().replace("-", "").substring(0, 27);
	}

	/** A new citizen writes through the real webhook. */
	private String say(String text) {
		return new WechatCitizen(TOKEN).say(base(), text);
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

}

package io.zhengwu.assistant.handoff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import io.zhengwu.assistant.system.HeldRedisWrites;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;

import io.zhengwu.assistant.knowledge.KnowledgeSearch;
import io.zhengwu.assistant.knowledge.Language;
import io.zhengwu.assistant.knowledge.SearchResult;
import io.zhengwu.assistant.system.RedisScripts;
import io.zhengwu.assistant.wechat.CustomerServiceMessages;
import io.zhengwu.assistant.wechat.WechatApiException;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(classes = HandoffTest.App.class, properties = { "zhengwu.handoff.sweep-interval=1h",
		"management.endpoint.health.validate-group-membership=false" })
@ActiveProfiles("test")
class HandoffTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	Escalations escalations;

	@Autowired
	OfficerDesk desk;

	@Autowired
	HandoffSweeper sweeper;

	@Autowired
	HandoffCitizenData citizenData;

	@Autowired
	App.MovableClock clock;

	@Autowired
	App.RecordedMessages wechat;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	HandoffStore store;

	@Autowired
	StringRedisTemplate blockingRedis;

	@Autowired
	UnfinishedActions unfinished;

	@BeforeEach
	void mondayMorning() {
		this.clock.set(App.MONDAY_MORNING);
		this.wechat.failures.clear();
		this.wechat.holds.clear();
	}

	@Test
	void handOffDuringDutyHoursTellsTheCitizenTheirPlaceAndTheWaitInChinese() {
		String openId = citizen();
		String reply = this.escalations.escalate(openId, Language.ZH, EscalationReason.ASKED_FOR_PERSON, "转人工")
			.block(WAIT);
		assertThat(reply).startsWith("zh:handoff_started{").contains("position=").contains("wait=");
		ChatView chat = chatOf(openId);
		assertThat(chat.state()).isEqualTo(ChatState.QUEUED);
		assertThat(chat.position()).isPositive();
		assertThat(chat.offHours()).isFalse();
		assertThat(this.desk.transcript(chat.id()).map(TranscriptEntry::text).collectList().block(WAIT))
			.contains("转人工");
	}

	@Test
	void handOffInTibetanIsAnsweredInTibetanAndWhatTheBotSaidBeforeIsInTheTranscript() {
		String openId = citizen();
		this.escalations.recordBotExchange(openId, Language.BO, "ས་ཁྱོན་ལག་ཁྱེར།", "མ་རྙེད།", List.of("border-permit"))
			.block(WAIT);
		String reply = this.escalations
			.escalate(openId, Language.BO, EscalationReason.NOT_ANSWERED_TWICE, "ལས་བྱེད་པ།")
			.block(WAIT);
		assertThat(reply).startsWith("bo:handoff_started{");
		List<TranscriptEntry> transcript = this.desk.transcript(chatOf(openId).id()).collectList().block(WAIT);
		TranscriptEntry bot = transcript.get(0);
		assertThat(bot.from()).isEqualTo("bot");
		assertThat(bot.question()).isEqualTo("ས་ཁྱོན་ལག་ཁྱེར།");
		assertThat(bot.guides()).containsExactly("border-permit");
		assertThat(transcript).extracting(TranscriptEntry::text).contains("ལས་བྱེད་པ།");
	}

	@Test
	void handOffOffHoursTellsTheDutyHoursAndKeepsTheChatQueued() {
		this.clock.set(App.MONDAY_MORNING.plus(Duration.ofHours(11)));
		String openId = citizen();
		String reply = this.escalations.escalate(openId, Language.ZH, EscalationReason.NEEDS_A_PERSON, "").block(WAIT);
		assertThat(reply).startsWith("zh:off_hours{").contains("hours=周一至周五 09:30–13:00、15:30–18:30；周六 10:00–13:00");
		ChatView chat = chatOf(openId);
		assertThat(chat.offHours()).isTrue();
		assertThat(chat.state()).isEqualTo(ChatState.QUEUED);
	}

	@Test
	void aCitizenWritingAgainWhileQueuedOffHoursIsToldTheDutyHoursNotToWaitAMoment() {
		this.clock.set(App.MONDAY_MORNING.plus(Duration.ofHours(11)));
		String openId = citizen();
		this.escalations.escalate(openId, Language.ZH, EscalationReason.ASKED_FOR_PERSON, "人工").block(WAIT);
		assertThat(this.escalations.takeIfHandedOff(openId, Language.ZH, "有人吗", "text").block(WAIT))
			.startsWith("zh:off_hours{")
			.contains("hours=周一至周五");
		assertThat(this.escalations.escalate(openId, Language.ZH, EscalationReason.ASKED_FOR_PERSON, "人工").block(WAIT))
			.as("asking for a person again").startsWith("zh:off_hours{");
		assertThat(this.desk.transcript(chatOf(openId).id()).map(TranscriptEntry::text).collectList().block(WAIT))
			.contains("有人吗");

		this.clock.set(App.MONDAY_MORNING.plus(Duration.ofDays(1)));
		assertThat(this.escalations.takeIfHandedOff(openId, Language.ZH, "上班了吗", "text").block(WAIT))
			.as("once the duty hours have begun").startsWith("zh:handoff_waiting{position=");
	}

	@Test
	void theDutyHoursInTibetanAreWrittenWithTibetanWordsAndPunctuationOnly() {
		this.clock.set(App.MONDAY_MORNING.plus(Duration.ofHours(11)));
		String reply = this.escalations.escalate(citizen(), Language.BO, EscalationReason.ASKED_FOR_PERSON, "ལས་བྱེད་པ།")
			.block(WAIT);
		assertThat(reply).startsWith("bo:off_hours{").contains("09:30–13:00").contains("15:30–18:30");
		assertThat(reply).as("no Arabic comma or Chinese punctuation between the hours").doesNotContain("،", "、", "；");
	}

	@Test
	void aSecondHandOffOfTheSameCitizenKeepsTheirPlaceInsteadOfQueueingTwice() {
		String openId = citizen();
		this.escalations.escalate(openId, Language.ZH, EscalationReason.ASKED_FOR_PERSON, "人工").block(WAIT);
		long queued = this.desk.queue().filter((c) -> c.citizen().equals(HandoffService.pseudonym(openId))).count().block(WAIT);
		String again = this.escalations.escalate(openId, Language.ZH, EscalationReason.ASKED_FOR_PERSON, "人工").block(WAIT);
		assertThat(again).startsWith("zh:handoff_waiting{");
		assertThat(this.desk.queue().filter((c) -> c.citizen().equals(HandoffService.pseudonym(openId))).count().block(WAIT))
			.isEqualTo(queued).isEqualTo(1);
	}

	@Test
	void twoOfficersRacingToClaimTheSameChatExactlyOneWins() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 20; round++) {
				String chatId = queuedChat(citizen());
				CountDownLatch start = new CountDownLatch(1);
				List<Callable<Boolean>> racers = new ArrayList<>();
				for (String officer : List.of("zhuoma", "tashi")) {
					racers.add(() -> {
						start.await();
						return this.desk.claim(chatId, officer).block(WAIT);
					});
				}
				List<Future<Boolean>> results = new ArrayList<>();
				racers.forEach((racer) -> results.add(pool.submit(racer)));
				start.countDown();
				int winners = 0;
				for (Future<Boolean> result : results) {
					winners += result.get() ? 1 : 0;
				}
				assertThat(winners).as("winners of round " + round).isEqualTo(1);
				ChatView chat = this.desk.chat(chatId).block(WAIT);
				assertThat(chat.state()).isEqualTo(ChatState.WITH_OFFICER);
				assertThat(chat.position()).isZero();
				assertThat(this.desk.chatsOf(chat.officer()).map(ChatView::id).collectList().block(WAIT)).contains(chatId);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aReleasedChatGoesBackToItsOldPlaceInTheQueue() {
		String first = queuedChat(citizen());
		String second = queuedChat(citizen());
		long firstPosition = this.desk.chat(first).block(WAIT).position();
		assertThat(this.desk.claim(first, "zhuoma").block(WAIT)).isTrue();
		assertThat(this.desk.chat(second).block(WAIT).position()).isEqualTo(firstPosition);
		this.desk.release(first, "zhuoma").block(WAIT);
		assertThat(this.desk.chat(first).block(WAIT).position()).isEqualTo(firstPosition);
		assertThat(this.desk.chat(second).block(WAIT).position()).isEqualTo(firstPosition + 1);
		assertThat(this.desk.chatsOf("zhuoma").map(ChatView::id).collectList().block(WAIT)).doesNotContain(first);
		assertThatThrownBy(() -> this.desk.release(first, "zhuoma").block(WAIT))
			.isInstanceOf(HandoffRefusedException.class);
	}

	@Test
	void aTransferredChatBelongsToTheOtherOfficerAndTheFirstCanNoLongerReply() {
		String openId = citizen();
		String chatId = queuedChat(openId);
		this.desk.claim(chatId, "zhuoma").block(WAIT);
		this.desk.transfer(chatId, "zhuoma", "tashi").block(WAIT);
		assertThat(this.desk.chat(chatId).block(WAIT).officer()).isEqualTo("tashi");
		assertThat(this.desk.chatsOf("tashi").map(ChatView::id).collectList().block(WAIT)).contains(chatId);
		assertThat(this.desk.chatsOf("zhuoma").map(ChatView::id).collectList().block(WAIT)).doesNotContain(chatId);
		assertThatThrownBy(() -> this.desk.reply(chatId, "zhuoma", "您好").block(WAIT))
			.isInstanceOf(HandoffRefusedException.class);
		assertThat(this.desk.reply(chatId, "tashi", "您好").block(WAIT).delivery()).isEqualTo("sent");
		assertThat(this.desk.auditLog(50).collectList().block(WAIT))
			.anyMatch((a) -> a.action().equals("transfer") && a.who().equals("zhuoma") && a.chatId().equals(chatId));
	}

	@Test
	void aCitizenEndingAChatWhileOfficersPassItAroundLeavesItInNoOfficersList() throws Exception {
		// The citizen's end reads who holds the chat, then ends it only if that still holds: a
		// transfer in between makes it read again, never leave the chat in the new holder's list.
		// The officers pass the chat on every half millisecond, about a round trip: often between
		// the end's read and its script, yet not so back to back that the end never gets its turn
		// (it reads again at most 100 times, which no pair of officers comes near).
		ExecutorService officers = Executors.newSingleThreadExecutor();
		try {
			for (int round = 0; round < 30; round++) {
				String chatId = claimedChat(citizen(), "zhuoma");
				CountDownLatch passing = new CountDownLatch(1);
				Future<Integer> transfers = officers.submit(() -> {
					String[] names = { "zhuoma", "tashi" };
					int done = 0;
					while (Boolean.TRUE.equals(this.store.transfer(chatId, names[done % 2], names[(done + 1) % 2]).block(WAIT))) {
						done++;
						passing.countDown();
						java.util.concurrent.locks.LockSupport.parkNanos(500_000);
					}
					return done;
				});
				assertThat(passing.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
				assertThat(this.store.end(chatId, "", this.clock.millis(), ChatState.RATING, "", "citizen").block(WAIT))
					.isTrue();
				transfers.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
				assertThat(this.store.chat(chatId).block(WAIT)).containsEntry("state", "RATING");
				assertThat(this.desk.chatsOf("zhuoma").map(ChatView::id).collectList().block(WAIT)).doesNotContain(chatId);
				assertThat(this.desk.chatsOf("tashi").map(ChatView::id).collectList().block(WAIT)).doesNotContain(chatId);
			}
		}
		finally {
			officers.shutdownNow();
		}
	}

	@Test
	void whileWithAnOfficerTheCitizensMessagesGoToTheOfficerNotTheBot() {
		String openId = citizen();
		String chatId = queuedChat(openId);
		assertThat(this.escalations.takeIfHandedOff(openId, Language.ZH, "还要多久", "text").block(WAIT))
			.startsWith("zh:handoff_waiting{position=");
		this.desk.claim(chatId, "zhuoma").block(WAIT);
		assertThat(this.escalations.takeIfHandedOff(openId, Language.ZH, "我的身份证丢了", "text").block(WAIT)).isEmpty();
		assertThat(this.escalations.takeIfHandedOff(openId, Language.ZH, "", "image").block(WAIT)).isEmpty();
		assertThat(this.desk.transcript(chatId).map(TranscriptEntry::text).collectList().block(WAIT))
			.contains("还要多久", "我的身份证丢了", "[image]");
		assertThat(this.escalations.takeIfHandedOff(citizen(), Language.ZH, "身份证", "text").blockOptional(WAIT))
			.as("a citizen who is not handed off is answered by the bot").isEmpty();
	}

	@Test
	void theCitizenEndsTheChatInChineseAndABadRatingPutsItOnTheFollowUpList() {
		String openId = citizen();
		String chatId = claimedChat(openId, "zhuoma");
		assertThat(this.escalations.takeIfHandedOff(openId, Language.ZH, "结束", "text").block(WAIT))
			.isEqualTo("zh:chat_ended{}\nzh:rating_ask{}");
		assertThat(this.desk.chat(chatId).block(WAIT).state()).isEqualTo(ChatState.RATING);
		assertThat(this.desk.chatsOf("zhuoma").map(ChatView::id).collectList().block(WAIT)).doesNotContain(chatId);
		assertThat(this.escalations.takeIfHandedOff(openId, Language.ZH, "不满意", "text").block(WAIT))
			.as("told it will be followed up").isEqualTo("zh:rating_thanks_bad{}");
		ChatView chat = this.desk.chat(chatId).block(WAIT);
		assertThat(chat.rating()).isEqualTo("bad");
		assertThat(chat.state()).isEqualTo(ChatState.CLOSED);
		assertThat(this.desk.followUps().map(ChatView::id).collectList().block(WAIT)).contains(chatId);
		assertThat(this.escalations.takeIfHandedOff(openId, Language.ZH, "身份证", "text").blockOptional(WAIT))
			.as("after the rating the bot answers again").isEmpty();
	}

	@Test
	void theCitizenEndsTheChatInTibetanAndAGoodRatingIsStoredWithoutFollowUp() {
		String openId = citizen();
		String chatId = claimedChat(openId, "tashi");
		assertThat(this.escalations.takeIfHandedOff(openId, Language.BO, "མཇུག་སྒྲིལ།", "text").block(WAIT))
			.isEqualTo("bo:chat_ended{}\nbo:rating_ask{}");
		assertThat(this.escalations.takeIfHandedOff(openId, Language.BO, "ཡིད་ཚིམ།", "text").block(WAIT))
			.as("thanked, with no follow-up promised").isEqualTo("bo:rating_thanks{}");
		assertThat(this.desk.chat(chatId).block(WAIT).rating()).isEqualTo("good");
		assertThat(this.desk.followUps().map(ChatView::id).collectList().block(WAIT)).doesNotContain(chatId);
	}

	@Test
	void aMessageThatIsNoRatingSkipsTheRatingAndGoesToTheBot() {
		String openId = citizen();
		String chatId = claimedChat(openId, "tashi");
		this.desk.close(chatId, "tashi", "answered by phone").block(WAIT);
		assertThat(this.wechat.textsTo(openId)).containsExactly("zh:chat_ended{}\nzh:rating_ask{}");
		assertThat(this.escalations.takeIfHandedOff(openId, Language.ZH, "医保怎么办", "text").blockOptional(WAIT)).isEmpty();
		ChatView chat = this.desk.chat(chatId).block(WAIT);
		assertThat(chat.state()).isEqualTo(ChatState.CLOSED);
		assertThat(chat.outcome()).isEqualTo("answered by phone");
		assertThat(chat.rating()).isEmpty();
	}

	@Test
	void fiveRepliesGoOutInOneWindowTheSixthWaitsAndGoesWithTheNoticeWhenTheCitizenWrites() {
		String openId = citizen();
		String chatId = claimedChat(openId, "zhuoma");
		for (int i = 1; i <= 5; i++) {
			assertThat(this.desk.reply(chatId, "zhuoma", "第" + i + "条").block(WAIT).delivery()).isEqualTo("sent");
		}
		assertThat(this.desk.chat(chatId).block(WAIT).quotaLeft()).isZero();
		TranscriptEntry sixth = this.desk.reply(chatId, "zhuoma", "第6条").block(WAIT);
		assertThat(sixth.delivery()).startsWith("waiting: quota spent");
		TranscriptEntry seventh = this.desk.reply(chatId, "zhuoma", "第7条").block(WAIT);
		assertThat(this.wechat.textsTo(openId)).hasSize(5);
		ChatView chat = this.desk.chat(chatId).block(WAIT);
		assertThat(chat.pendingReplies()).isEqualTo(2);

		this.clock.advance(Duration.ofHours(1));
		this.escalations.takeIfHandedOff(openId, Language.ZH, "收到了吗", "text").block(WAIT);
		List<String> sent = awaitTexts(openId, 6);
		assertThat(sent.get(5)).isEqualTo("zh:answer_waiting{}\n\n第6条\n\n第7条");
		ChatView after = awaitChat(chatId, (c) -> c.pendingReplies() == 0);
		assertThat(after.quotaLeft()).as("a new window: five again, one spent").isEqualTo(4);
		assertThat(deliveryOf(chatId, sixth.index())).isEqualTo("sent");
		assertThat(deliveryOf(chatId, seventh.index())).isEqualTo("sent");
	}

	@Test
	void after48HoursWithoutAMessageFromTheCitizenTheWindowIsClosedAndTheReplyWaits() {
		String openId = citizen();
		String chatId = claimedChat(openId, "zhuoma");
		assertThat(this.desk.chat(chatId).block(WAIT).windowClosesAt())
			.isEqualTo(App.MONDAY_MORNING.plus(Duration.ofHours(48)).toEpochMilli());
		this.clock.advance(Duration.ofHours(48));
		ChatView chat = this.desk.chat(chatId).block(WAIT);
		assertThat(chat.windowClosesAt()).isZero();
		assertThat(chat.quotaLeft()).isZero();
		assertThat(this.desk.reply(chatId, "zhuoma", "您的材料已收到").block(WAIT).delivery())
			.startsWith("waiting: window closed");
		assertThat(this.wechat.textsTo(openId)).isEmpty();
	}

	@Test
	void aMenuClickOrLanguageSwitchReopensTheClosedWindowAndTheAnswerWaitingForItGoesOut() {
		String openId = citizen();
		String chatId = claimedChat(openId, "zhuoma");
		this.clock.advance(Duration.ofHours(49));
		assertThat(this.desk.reply(chatId, "zhuoma", "您的材料已收到").block(WAIT).delivery())
			.startsWith("waiting: window closed");

		// no message for the hand-off: the citizen only tapped a menu item
		this.escalations.citizenActive(openId, Language.BO).block(WAIT);
		assertThat(awaitTexts(openId, 1)).containsExactly("bo:answer_waiting{}\n\n您的材料已收到");
		ChatView chat = awaitChat(chatId, (c) -> c.pendingReplies() == 0);
		assertThat(chat.windowClosesAt()).as("48 hours from the tap")
			.isEqualTo(this.clock.instant().plus(Duration.ofHours(48)).toEpochMilli());
		assertThat(chat.state()).as("the chat itself goes on").isEqualTo(ChatState.WITH_OFFICER);
	}

	@Test
	void wechatRefusingForTheWindowOrQuotaIsShownAndTheReplyWaits() {
		String openId = citizen();
		String chatId = claimedChat(openId, "zhuoma");
		this.wechat.failures.add(new WechatApiException(45015, "response out of time limit", null));
		assertThat(this.desk.reply(chatId, "zhuoma", "一").block(WAIT).delivery()).contains("45015");
		assertThat(this.desk.chat(chatId).block(WAIT).windowClosesAt()).isZero();
		this.escalations.takeIfHandedOff(openId, Language.ZH, "在吗", "text").block(WAIT);
		assertThat(awaitTexts(openId, 1)).containsExactly("zh:answer_waiting{}\n\n一");
		this.wechat.failures.add(new WechatApiException(45047, "out of response count limit", null));
		assertThat(this.desk.reply(chatId, "zhuoma", "二").block(WAIT).delivery()).contains("45047");
		assertThat(this.desk.chat(chatId).block(WAIT).quotaLeft()).isZero();
	}

	@Test
	void aNetworkErrorIsRetriedAndTheReplyIsSent() {
		String openId = citizen();
		String chatId = claimedChat(openId, "zhuoma");
		this.wechat.failures.add(new IllegalStateException("connection reset"));
		this.wechat.failures.add(new IllegalStateException("connection reset"));
		assertThat(this.desk.reply(chatId, "zhuoma", "您好").block(WAIT).delivery()).isEqualTo("sent");
		assertThat(this.wechat.textsTo(openId)).containsExactly("您好");
	}

	@Test
	void aNetworkDownForAllAttemptsLeavesTheReplyWaitingNotDropped() {
		String openId = citizen();
		String chatId = claimedChat(openId, "zhuoma");
		for (int i = 0; i < 3; i++) {
			this.wechat.failures.add(new IllegalStateException("connection refused"));
		}
		assertThat(this.desk.reply(chatId, "zhuoma", "您好").block(WAIT).delivery()).startsWith("waiting: network error");
		assertThat(this.desk.chat(chatId).block(WAIT).pendingReplies()).isEqualTo(1);
	}

	@Test
	void aReplyWhoseRequestGoesAwayWhileWechatTakesItIsStillRecordedAsSent() {
		String openId = citizen();
		String chatId = claimedChat(openId, "zhuoma");
		// WeChat has the message, but its answer is held while the officer's browser goes away.
		Sinks.Empty<Void> wechatAnswers = Sinks.empty();
		this.wechat.holds.put(openId, wechatAnswers);
		Disposable request = this.desk.reply(chatId, "zhuoma", "您的材料已收到").subscribe();
		assertThat(awaitTexts(openId, 1)).containsExactly("您的材料已收到");
		request.dispose();
		wechatAnswers.tryEmitEmpty();

		// The citizen has the reply, and the console says so (not "sending" for good).
		String delivery = awaitDelivery(chatId, "您的材料已收到", "sent");
		assertThat(delivery).isEqualTo("sent");
		ChatView chat = this.desk.chat(chatId).block(WAIT);
		assertThat(chat.quotaLeft()).as("one message of the window's five spent").isEqualTo(4);
		assertThat(chat.pendingReplies()).isZero();
		assertThat(this.wechat.textsTo(openId)).containsExactly("您的材料已收到");
	}

	@Test
	void aCloseWhoseRequestGoesAwayWhileWechatTakesTheGoodbyeStillRecordsItAndLetsTheCitizenRate() {
		String openId = citizen();
		String chatId = claimedChat(openId, "zhuoma");
		Sinks.Empty<Void> wechatAnswers = Sinks.empty();
		this.wechat.holds.put(openId, wechatAnswers);
		Disposable request = this.desk.close(chatId, "zhuoma", "answered").subscribe();
		assertThat(awaitTexts(openId, 1)).containsExactly("zh:chat_ended{}\nzh:rating_ask{}");
		request.dispose();
		wechatAnswers.tryEmitEmpty();

		assertThat(awaitDelivery(chatId, "zh:chat_ended{}\nzh:rating_ask{}", "sent")).isEqualTo("sent");
		assertThat(this.desk.chat(chatId).block(WAIT).state()).isEqualTo(ChatState.RATING);
		assertThat(this.redis.getExpire(HandoffStore.activeKey(openId)).block(WAIT))
			.as("the citizen's next message rates the chat, for 48 hours")
			.isPositive();
		assertThat(this.desk.auditLog(300).collectList().block(WAIT))
			.anyMatch((a) -> a.action().equals("close") && a.chatId().equals(chatId));
	}

	@Test
	void aClaimWhoseRequestGoesAwayWhileRedisRunsItIsStillAuditedAndAnnouncedToTheOtherConsoles() {
		// Redis knows the claim script already, so the claim is one EVALSHA.
		claimedChat(citizen(), "tashi");
		String chatId = queuedChat(citizen());
		List<HandoffEvent> events = new CopyOnWriteArrayList<>();
		Disposable console = this.desk.events().subscribe(events::add);
		try {
			// Redis holds the claim while the officer's browser goes away: the claim is taken, nobody hears it.
			try (HeldRedisWrites held = HeldRedisWrites.hold(this.blockingRedis)) {
				Disposable request = this.desk.claim(chatId, "zhuoma").subscribe();
				held.awaitHeld("evalsha");
				request.dispose();
			}

			await(() -> events.stream().anyMatch((e) -> e.type().equals("claimed") && e.chatId().equals(chatId)));
			assertThat(this.desk.chat(chatId).block(WAIT).officer()).isEqualTo("zhuoma");
			assertThat(this.desk.auditLog(300).collectList().block(WAIT))
				.anyMatch((a) -> a.action().equals("claim") && a.who().equals("zhuoma") && a.chatId().equals(chatId));
			assertThat(this.desk.transcript(chatId).map(TranscriptEntry::text).collectList().block(WAIT))
				.contains("claim");
		}
		finally {
			console.dispose();
		}
	}

	@Test
	void waitingAnswersGoingOutWhenTheCitizenWritesAreWorkAStoppingInstanceWaitsFor() {
		String openId = citizen();
		String chatId = claimedChat(openId, "zhuoma");
		this.clock.advance(Duration.ofHours(48));
		assertThat(this.desk.reply(chatId, "zhuoma", "材料齐了").block(WAIT).delivery()).startsWith("waiting: window closed");
		Sinks.Empty<Void> wechatAnswers = Sinks.empty();
		this.wechat.holds.put(openId, wechatAnswers);
		this.escalations.takeIfHandedOff(openId, Language.ZH, "在吗", "text").block(WAIT);
		assertThat(awaitTexts(openId, 1)).containsExactly("zh:answer_waiting{}\n\n材料齐了");
		assertThat(this.unfinished.count()).as("taken off the waiting list, being sent: shutdown waits for it")
			.isPositive();
		wechatAnswers.tryEmitEmpty();
		assertThat(awaitDelivery(chatId, "材料齐了", "sent")).isEqualTo("sent");
	}

	@Test
	void stoppingTheSweeperLetsTheNoticeItIsSendingFinish() {
		String openId = citizen();
		String chatId = queuedChat(openId);
		this.clock.advance(Duration.ofMinutes(3));
		Sinks.Empty<Void> wechatAnswers = Sinks.empty();
		this.wechat.holds.put(openId, wechatAnswers);
		this.sweeper.stop();
		try {
			// A round starts at once; WeChat takes the notice, then the instance stops meanwhile.
			this.sweeper.start();
			assertThat(awaitTexts(openId, 1)).singleElement().asString().startsWith("zh:not_claimed_yet{");
			this.sweeper.stop();
			assertThat(this.unfinished.count()).as("shutdown waits for the round").isPositive();
			wechatAnswers.tryEmitEmpty();
			String notice = this.wechat.textsTo(openId).get(0);
			assertThat(awaitDelivery(chatId, notice, "sent")).isEqualTo("sent");
		}
		finally {
			wechatAnswers.tryEmitEmpty();
			this.sweeper.start();
		}
	}

	@Test
	void nobodyClaimingWithinTheTimeOutTellsTheCitizenOnceAndKeepsTheChatQueued() {
		String openId = citizen();
		String chatId = queuedChat(openId);
		this.sweeper.notifyUnclaimed().block(WAIT);
		assertThat(this.wechat.textsTo(openId)).isEmpty();
		this.clock.advance(Duration.ofMinutes(3));
		this.sweeper.notifyUnclaimed().block(WAIT);
		this.sweeper.notifyUnclaimed().block(WAIT);
		assertThat(this.wechat.textsTo(openId)).singleElement().asString().startsWith("zh:not_claimed_yet{position=");
		assertThat(this.desk.chat(chatId).block(WAIT).state()).isEqualTo(ChatState.QUEUED);
	}

	@Test
	void closedChatsOlderThanTheRetentionAreDeleted() {
		String openId = citizen();
		String chatId = claimedChat(openId, "zhuoma");
		this.desk.close(chatId, "zhuoma", "done").block(WAIT);
		this.clock.advance(Duration.ofDays(179));
		this.sweeper.deleteExpired().block(WAIT);
		assertThat(this.desk.chat(chatId).blockOptional(WAIT)).isPresent();
		this.clock.advance(Duration.ofDays(2));
		assertThat(this.sweeper.deleteExpired().block(WAIT)).isPositive();
		assertThat(this.desk.chat(chatId).blockOptional(WAIT)).isEmpty();
		assertThat(this.redis.hasKey(HandoffStore.transcriptKey(chatId)).block(WAIT)).isFalse();
		assertThat(this.redis.opsForSet().isMember(HandoffStore.citizenKey(openId), chatId).block(WAIT)).isFalse();
	}

	@Test
	void unsubscribingErasesEverythingAboutTheCitizen() {
		String openId = citizen();
		this.escalations.recordBotExchange(openId, Language.ZH, "问", "答", List.of()).block(WAIT);
		String chatId = claimedChat(openId, "zhuoma");
		assertThat(keysOfHandoff(openId)).as("the citizen's keys before").isNotEmpty();
		assertThat(keysOfHandoff(chatId)).as("the chat's keys before").isNotEmpty();
		this.citizenData.erase(openId).block(WAIT);
		assertThat(keysOfHandoff(openId)).isEmpty();
		assertThat(keysOfHandoff(chatId)).isEmpty();
		assertThat(this.desk.chatsOf("zhuoma").map(ChatView::id).collectList().block(WAIT)).doesNotContain(chatId);
	}

	@Test
	void chatsNobodyClosedWithinTheRetentionAreDeletedWithTheCitizensPointerToThem() {
		String queuedOpenId = citizen();
		String queued = queuedChat(queuedOpenId);
		String withOfficerOpenId = citizen();
		String officer = "officer-" + UUID.randomUUID();
		String withOfficer = claimedChat(withOfficerOpenId, officer);
		this.clock.advance(Duration.ofDays(179));
		this.sweeper.deleteExpired().block(WAIT);
		assertThat(this.desk.chat(queued).blockOptional(WAIT)).as("queued, within the retention").isPresent();
		assertThat(this.desk.chat(withOfficer).blockOptional(WAIT)).as("with an officer, within the retention")
			.isPresent();
		this.clock.advance(Duration.ofDays(2));
		this.sweeper.deleteExpired().block(WAIT);
		for (String chatId : List.of(queued, withOfficer)) {
			assertThat(keysOfHandoff(chatId)).as("the keys of chat " + chatId).isEmpty();
			assertThat(this.redis.opsForZSet().rank(HandoffStore.QUEUE, chatId).blockOptional(WAIT)).isEmpty();
		}
		// the 48-hour window (on Redis's own clock) may remain: it expires by itself
		for (String openId : List.of(queuedOpenId, withOfficerOpenId)) {
			assertThat(keysOfHandoff(openId)).as("the keys of citizen " + openId + " kept for good")
				.filteredOn((key) -> this.blockingRedis.getExpire(key) < 0)
				.isEmpty();
		}
		assertThat(this.redis.hasKey(HandoffStore.activeKey(queuedOpenId)).block(WAIT)).isFalse();
		assertThat(this.redis.hasKey(HandoffStore.activeKey(withOfficerOpenId)).block(WAIT)).isFalse();
		assertThat(this.desk.chatsOf(officer).collectList().block(WAIT)).isEmpty();
		assertThat(this.escalations.takeIfHandedOff(queuedOpenId, Language.ZH, "身份证", "text").blockOptional(WAIT))
			.as("the citizen writing again is answered by the bot").isEmpty();
	}

	@Test
	void unsubscribingLeavesNoKeyOrValueThatNamesTheCitizenOrTheirChatButKeepsTheOfficersActionsAnonymous() {
		String openId = citizen();
		String officer = "officer-" + UUID.randomUUID();
		this.escalations.recordBotExchange(openId, Language.ZH, "问", "答", List.of()).block(WAIT);
		String chatId = claimedChat(openId, officer);
		this.desk.reply(chatId, officer, "您好").block(WAIT);
		this.desk.markFollowUp(chatId, officer, "call back about the passport").block(WAIT);
		this.desk.close(chatId, officer, "passport renewal explained").block(WAIT);
		this.escalations.takeIfHandedOff(openId, Language.ZH, "不满意", "text").block(WAIT);
		String pseudonym = HandoffService.pseudonym(openId);
		assertThat(keysNaming(openId, chatId, pseudonym)).as("what names the citizen or the chat before")
			.contains(HandoffStore.AUDIT, HandoffStore.FOLLOWUPS, HandoffStore.CLOSED);

		this.citizenData.erase(openId).block(WAIT);

		assertThat(keysNaming(openId, chatId, pseudonym)).isEmpty();
		assertThat(this.desk.auditLog(1000).filter((a) -> a.who().equals(officer)).collectList().block(WAIT))
			.as("the officer's actions stay in the audit, with no chat or detail")
			.extracting(AuditRecord::action)
			.contains("claim", "reply", "follow-up", "close");
		assertThat(this.desk.auditLog(1000).filter((a) -> a.who().equals(officer)).collectList().block(WAIT))
			.allSatisfy((a) -> assertThat(a.chatId() + a.detail()).doesNotContain(chatId).doesNotContain("passport"));
	}

	@Test
	void aLateWriteToAChatAfterTheCitizenWasErasedMakesNoChatKeyAgain() {
		String openId = citizen();
		String chatId = claimedChat(openId, "zhuoma");
		this.citizenData.erase(openId).block(WAIT);
		// what a reply being sent while the citizen unsubscribed writes when WeChat has answered
		assertThat(this.store.append(chatId, HandoffService.line("officer", "zhuoma", "您好", this.clock.millis()))
			.block(WAIT)).as("no index: the line was not kept").isNegative();
		this.store.setDelivery(chatId, 3, "sent").block(WAIT);
		assertThat(keysOfHandoff(chatId)).isEmpty();
		// what the sweeper and an officer write when they read the chat just before it went
		assertThat(this.store.setFieldIfAbsent(chatId, "timeoutNotified", "1").block(WAIT)).isFalse();
		this.store.setField(chatId, "state", ChatState.CLOSED.name()).block(WAIT);
		this.store.markFollowUp(chatId, "call back", this.clock.millis()).block(WAIT);
		assertThat(keysNaming(chatId)).isEmpty();
	}

	@Test
	void wechatSayingTheQuotaIsSpentAfterTheWindowHasGoneLeavesNoWindowWithoutExpiry() {
		String openId = citizen();
		this.store.quotaSpent(openId, 5).block(WAIT);
		assertThat(this.redis.hasKey(HandoffStore.windowKey(openId)).block(WAIT)).isFalse();
		this.store.citizenWrote(openId, this.clock.millis(), Duration.ofHours(48)).block(WAIT);
		this.store.quotaSpent(openId, 5).block(WAIT);
		assertThat(this.store.window(openId).block(WAIT)).containsEntry("used", "5");
		assertThat(this.redis.getExpire(HandoffStore.windowKey(openId)).block(WAIT)).isPositive();
	}

	// ---- helpers ---------------------------------------------------------------------------

	private String awaitDelivery(String chatId, String text, String expected) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		String delivery = deliveryOf(chatId, text);
		while (!expected.equals(delivery) && System.nanoTime() < deadline) {
			Thread.onSpinWait();
			delivery = deliveryOf(chatId, text);
		}
		return delivery;
	}

	private String deliveryOf(String chatId, String text) {
		return this.desk.transcript(chatId).filter((e) -> e.text().equals(text)).blockFirst(WAIT).delivery();
	}


	private static void await(java.util.function.BooleanSupplier condition) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("condition not met within " + WAIT);
			}
			Thread.onSpinWait();
		}
	}

	/**
	 * Every key in Redis whose name or content contains one of the texts (a SCAN over all keys,
	 * each read whole by its type).
	 */
	private List<String> keysNaming(String... texts) {
		List<String> naming = new ArrayList<>();
		try (var keys = this.blockingRedis.scan(org.springframework.data.redis.core.ScanOptions.scanOptions()
			.count(1000)
			.build())) {
			keys.forEachRemaining((key) -> {
				String content = switch (this.blockingRedis.type(key)) {
					case STRING -> String.valueOf(this.blockingRedis.opsForValue().get(key));
					case HASH -> String.valueOf(this.blockingRedis.opsForHash().entries(key));
					case LIST -> String.valueOf(this.blockingRedis.opsForList().range(key, 0, -1));
					case SET -> String.valueOf(this.blockingRedis.opsForSet().members(key));
					case ZSET -> String.valueOf(this.blockingRedis.opsForZSet().range(key, 0, -1));
					default -> "";
				};
				for (String text : texts) {
					if (key.contains(text) || content.contains(text)) {
						naming.add(key);
						return;
					}
				}
			});
		}
		return naming;
	}

	private List<String> keysOfHandoff(String id) {
		return this.redis.keys(HandoffStore.PREFIX + "*" + id + "*").collectList().block(WAIT);
	}

	private static String citizen() {
		return "o" + UUID.randomUUID().toString().replace("-", "");
	}

	private ChatView chatOf(String openId) {
		String chatId = this.redis.opsForValue().get(HandoffStore.activeKey(openId)).block(WAIT);
		return this.desk.chat(chatId).block(WAIT);
	}

	private String queuedChat(String openId) {
		this.escalations.escalate(openId, Language.ZH, EscalationReason.ASKED_FOR_PERSON, "人工").block(WAIT);
		return chatOf(openId).id();
	}

	private String claimedChat(String openId, String officer) {
		String chatId = queuedChat(openId);
		assertThat(this.desk.claim(chatId, officer).block(WAIT)).isTrue();
		return chatId;
	}

	private String deliveryOf(String chatId, int index) {
		return this.desk.transcript(chatId).filter((e) -> e.index() == index).blockFirst(WAIT).delivery();
	}

	private List<String> awaitTexts(String openId, int count) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (this.wechat.textsTo(openId).size() < count && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		return this.wechat.textsTo(openId);
	}

	private ChatView awaitChat(String chatId, java.util.function.Predicate<ChatView> condition) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		ChatView chat = this.desk.chat(chatId).block(WAIT);
		while (!condition.test(chat) && System.nanoTime() < deadline) {
			chat = this.desk.chat(chatId).block(WAIT);
		}
		return chat;
	}

	/**
	 * The hand-off on its own, on the real embedded Redis, with a clock the tests move, WeChat's
	 * customer-service API recorded, and canned replies that show their key and values.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableConfigurationProperties(HandoffProperties.class)
	@Import({ HandoffConfiguration.class, RedisScripts.class })
	static class App {

		/** Monday 30 November 2026, 10:00 in Ngari: within the roster's morning shift. */
		static final Instant MONDAY_MORNING = java.time.ZonedDateTime
			.of(2026, 11, 30, 10, 0, 0, 0, ZoneId.of("Asia/Shanghai"))
			.toInstant();

		@Bean
		MovableClock clock() {
			return new MovableClock(MONDAY_MORNING);
		}

		@Bean
		RecordedMessages customerServiceMessages() {
			return new RecordedMessages();
		}

		@Bean
		KnowledgeSearch knowledgeSearch() {
			return new CannedReplies();
		}

		static final class MovableClock extends Clock {

			private volatile Instant now;

			MovableClock(Instant now) {
				this.now = now;
			}

			void set(Instant instant) {
				this.now = instant;
			}

			void advance(Duration duration) {
				this.now = this.now.plus(duration);
			}

			@Override
			public ZoneId getZone() {
				return ZoneId.of("UTC");
			}

			@Override
			public Clock withZone(ZoneId zone) {
				return this;
			}

			@Override
			public Instant instant() {
				return this.now;
			}

		}

		/** Records what was sent; fails the next sends with the errors queued by a test. */
		static final class RecordedMessages implements CustomerServiceMessages {

			final List<String[]> sent = new CopyOnWriteArrayList<>();

			final ConcurrentLinkedQueue<RuntimeException> failures = new ConcurrentLinkedQueue<>();

			/** The next send to a citizen held here reaches WeChat at once, but WeChat's answer waits for the test. */
			final Map<String, Sinks.Empty<Void>> holds = new java.util.concurrent.ConcurrentHashMap<>();

			@Override
			public Mono<Void> sendText(String openId, String text) {
				return Mono.defer(() -> {
					RuntimeException failure = this.failures.poll();
					if (failure != null) {
						return Mono.error(failure);
					}
					this.sent.add(new String[] { openId, text });
					Sinks.Empty<Void> held = this.holds.remove(openId);
					return (held != null) ? held.asMono() : Mono.empty();
				});
			}

			List<String> textsTo(String openId) {
				return this.sent.stream().filter((m) -> m[0].equals(openId)).map((m) -> m[1]).toList();
			}

		}

		/** Canned replies as "key{name=value}", so tests see which reply was chosen with which values. */
		static final class CannedReplies implements KnowledgeSearch {

			@Override
			public SearchResult search(String question, Language language) {
				return new SearchResult(SearchResult.Outcome.NONE, List.of());
			}

			@Override
			public java.util.Optional<String> answerText(String guideId, Language language) {
				return java.util.Optional.empty();
			}

			@Override
			public String choiceText(SearchResult result, Language language) {
				return "";
			}

			@Override
			public java.util.Optional<String> smallTalkReply(String text, Language language) {
				return java.util.Optional.empty();
			}

			@Override
			public String reply(String key, Language language, Map<String, String> values) {
				return language.code() + ":" + key + new TreeMap<>(values);
			}

		}

	}

}

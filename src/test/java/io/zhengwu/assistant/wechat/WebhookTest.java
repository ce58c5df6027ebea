package io.zhengwu.assistant.wechat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.zhengwu.assistant.knowledge.KnowledgeSearch;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.zhengwu.assistant.knowledge.Language.BO;
import static io.zhengwu.assistant.knowledge.Language.ZH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook over real HTTP against the real redis-server: verification, plaintext and safe mode,
 * key rotation, and the messages and events a citizen sends.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("test")
@Import(WebhookTestConfiguration.class)
class WebhookTest {

	static final String TOKEN = WechatConfiguration.generateToken();

	static final String AES_KEY = WechatConfiguration.generateAesKey();

	static final String PREVIOUS_AES_KEY = WechatConfiguration.generateAesKey();

	static final String APP_ID = "wxtest" + TOKEN.substring(0, 12);

	/** A question the real knowledge base answers outright with id-card-lost. */
	static final String LOST_ID = "身份证丢了怎么办";

	@DynamicPropertySource
	static void account(DynamicPropertyRegistry registry) {
		registry.add("zhengwu.wechat.app-id", () -> APP_ID);
		registry.add("zhengwu.wechat.token", () -> TOKEN);
		registry.add("zhengwu.wechat.aes-key", () -> AES_KEY);
		registry.add("zhengwu.wechat.aes-key-previous", () -> PREVIOUS_AES_KEY);
	}

	@Autowired
	WebTestClient client;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	KnowledgeSearch knowledge;

	@Autowired
	WechatProperties properties;

	Replies replies() {
		return new Replies(this.knowledge);
	}

	Citizen citizen() {
		return new Citizen(this.client, TOKEN, APP_ID);
	}

	@Test
	void urlVerificationEchoesEchostrWhenTheSignatureIsRight() {
		String timestamp = Citizen.now();
		this.client.get()
			.uri((uri) -> uri.path("/wechat/callback")
				.queryParam("signature", Signatures.sign(TOKEN, timestamp, "nonce1"))
				.queryParam("timestamp", timestamp)
				.queryParam("nonce", "nonce1")
				.queryParam("echostr", "echo-4711")
				.build())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("echo-4711");
	}

	@Test
	void urlVerificationWithAWrongSignatureIsRefusedWith403AndEchoesNothing() {
		String timestamp = Citizen.now();
		this.client.get()
			.uri((uri) -> uri.path("/wechat/callback")
				.queryParam("signature", Signatures.sign("not-the-token", timestamp, "nonce1"))
				.queryParam("timestamp", timestamp)
				.queryParam("nonce", "nonce1")
				.queryParam("echostr", "echo-4711")
				.build())
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody(String.class)
			.value((body) -> assertThat(body).isNullOrEmpty());
	}

	@Test
	void plaintextQuestionIsAnsweredWithAPlaintextReplyToTheCitizen() {
		Citizen citizen = citizen();
		String reply = citizen.ask(citizen.text(LOST_ID));
		Map<String, String> fields = SafeXml.parse(reply);
		assertThat(fields).containsEntry("ToUserName", citizen.openId)
			.containsEntry("FromUserName", Citizen.ACCOUNT)
			.containsEntry("MsgType", "text")
			.containsEntry("Content", replies().answer("id-card-lost", ZH));
	}

	@Test
	void aWebhookCallStartsNoSessionAndCarriesTheSecurityHeaders() {
		Citizen citizen = citizen();
		citizen.post(citizen.text(LOST_ID))
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("Set-Cookie")
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueEquals("Referrer-Policy", "same-origin");
	}

	@Test
	void encryptedQuestionGetsAnEncryptedReplyThatDecryptsToTheAnswer() {
		Citizen citizen = citizen();
		EntityExchangeResult<String> result = citizen.postEncrypted(citizen.text(LOST_ID), AES_KEY);
		assertThat(result.getStatus().value()).isEqualTo(200);
		assertThat(result.getResponseBody()).contains("<Encrypt>").doesNotContain("身份证");
		Map<String, String> reply = citizen.decryptReply(result.getResponseBody(), AES_KEY);
		assertThat(reply).containsEntry("ToUserName", citizen.openId)
			.containsEntry("Content", replies().answer("id-card-lost", ZH));
	}

	@Test
	void duringAKeyRotationAMessageEncryptedWithThePreviousKeyIsAcceptedAndAnsweredWithThatKey() {
		// WeChat's rule: reply with the key that decrypted the message. Until the new key is saved in
		// the admin console, WeChat encrypts with the previous key and decrypts the reply with it.
		Citizen citizen = citizen();
		EntityExchangeResult<String> result = citizen.postEncrypted(citizen.text(LOST_ID), PREVIOUS_AES_KEY);
		assertThat(result.getStatus().value()).isEqualTo(200);
		assertThat(citizen.decryptReply(result.getResponseBody(), PREVIOUS_AES_KEY)).containsEntry("Content",
				replies().answer("id-card-lost", ZH));
		EntityExchangeResult<String> afterTheSwitch = citizen.postEncrypted(citizen.text(LOST_ID), AES_KEY);
		assertThat(citizen.decryptReply(afterTheSwitch.getResponseBody(), AES_KEY)).containsEntry("Content",
				replies().answer("id-card-lost", ZH));
	}

	@Test
	void aMessageEncryptedWithAnUnknownKeyIsRefusedAndNotAnswered() {
		Citizen citizen = citizen();
		EntityExchangeResult<String> result = citizen.postEncrypted(citizen.text(LOST_ID),
				WechatConfiguration.generateAesKey());
		assertThat(result.getStatus().value()).isEqualTo(400);
		assertThat(result.getResponseBody()).isNullOrEmpty();
		assertThat(keysAbout(citizen.openId)).isEmpty();
	}

	@Test
	void aRetryOfAnAnsweredMessageGetsTheSameReplyWithoutBeingProcessedAgain() {
		Citizen citizen = citizen();
		String question = ObservedKnowledge.tagged(LOST_ID, citizen.openId);
		long msgId = Citizen.nextMsgId();
		String first = citizen.ask(citizen.text(question, msgId));
		String retry = citizen.ask(citizen.text(question, msgId));
		assertThat(Citizen.content(first)).isEqualTo(replies().answer("id-card-lost", ZH));
		assertThat(retry).isEqualTo(first);
		assertThat(ObservedKnowledge.searchesFor(question)).isEqualTo(1);
	}

	@Test
	void sameMsgIdFromTwoCitizensIsTwoMessages() {
		Citizen one = citizen();
		Citizen two = citizen();
		long msgId = Citizen.nextMsgId();
		assertThat(Citizen.content(one.ask(one.text(LOST_ID, msgId)))).isEqualTo(replies().answer("id-card-lost", ZH));
		assertThat(Citizen.content(two.ask(two.text("你好", msgId)))).isEqualTo(replies().reply("greeting", ZH));
	}

	@Test
	void subscribeIsWelcomedInBothLanguages() {
		Citizen citizen = citizen();
		String welcome = Citizen.content(citizen.ask(citizen.event("subscribe", null)));
		assertThat(welcome).isEqualTo(replies().reply("welcome", ZH)).contains("欢迎", "བཀྲ་ཤིས་བདེ་ལེགས");
	}

	@Test
	void menuClicksListTopicsSwitchLanguageAndAskForAPerson() {
		Citizen citizen = citizen();
		Replies replies = replies();
		assertThat(Citizen.content(citizen.ask(citizen.event("CLICK", "MENU_TOPICS")))).isEqualTo(replies.reply("topics", ZH));
		assertThat(Citizen.content(citizen.ask(citizen.event("CLICK", "MENU_LANG_BO"))))
			.isEqualTo(replies.reply("language_switched", BO));
		assertThat(Citizen.content(citizen.ask(citizen.event("CLICK", "MENU_TOPICS")))).isEqualTo(replies.reply("topics", BO));
		assertThat(Citizen.content(citizen.ask(citizen.event("CLICK", "MENU_HUMAN"))))
			.matches((reply) -> replies.handOff(reply, BO));
		assertThat(Citizen.content(citizen.ask(citizen.event("CLICK", "GUIDE:id-card-lost"))))
			.isEqualTo(replies.answer("id-card-lost", BO));
		assertThat(Citizen.content(citizen.ask(citizen.event("CLICK", "MENU_LANG_ZH"))))
			.isEqualTo(replies.reply("language_switched", ZH));
	}

	@Test
	void otherEventsAreAnsweredWithSuccess() {
		Citizen citizen = citizen();
		assertThat(citizen.ask(citizen.event("VIEW", "https://example.invalid/"))).isEqualTo("success");
		assertThat(citizen.ask(citizen.event("LOCATION", null))).isEqualTo("success");
	}

	@Test
	void anImageGetsAShortBilingualReplySayingWhatTheAssistantCanDoAndGoesToAPerson() {
		Citizen citizen = citizen();
		String explain = replies().bilingual("media_unsupported") + "\n\n";
		assertThat(Citizen.content(citizen.ask(citizen.image()))).startsWith(explain)
			.matches((reply) -> replies().handOff(reply.substring(explain.length()), ZH));
	}

	@Test
	void voiceWithRecognitionIsAnsweredLikeTextAndVoiceWithoutItAsksForText() {
		Citizen citizen = citizen();
		assertThat(Citizen.content(citizen.ask(citizen.voice(LOST_ID)))).isEqualTo(replies().answer("id-card-lost", ZH));
		String explain = replies().bilingual("voice_needs_text") + "\n\n";
		assertThat(Citizen.content(citizen.ask(citizen.voice(null)))).as("voice without text goes to a person")
			.startsWith(explain)
			.matches((reply) -> replies().handOff(reply.substring(explain.length()), ZH));
	}

	@Test
	void unsubscribeLeavesNoKeyAboutTheCitizenInRedis() {
		Citizen citizen = citizen();
		citizen.ask(citizen.event("subscribe", null));
		citizen.ask(citizen.event("CLICK", "MENU_LANG_BO"));
		citizen.ask(citizen.text("身份证"));
		citizen.ask(citizen.text("2"));
		citizen.ask(citizen.text("转人工"));
		assertThat(keysAbout(citizen.openId)).as("what is stored before unsubscribe").isNotEmpty();
		assertThat(keysHolding(citizen.openId)).as("what holds the openid before unsubscribe (the hand-off's chat)")
			.isNotEmpty();
		assertThat(citizen.ask(citizen.event("unsubscribe", null))).isEqualTo("success");
		assertThat(keysAbout(citizen.openId)).isEmpty();
		assertThat(keysHolding(citizen.openId)).isEmpty();
	}

	@Test
	void eachStoredReplyIsNotedInTheCitizensIndexWhichExpiresWithTheLastOfThem() {
		Citizen citizen = citizen();
		long first = Citizen.nextMsgId();
		long second = Citizen.nextMsgId();
		citizen.ask(citizen.text(LOST_ID, first));
		citizen.ask(citizen.text(LOST_ID, second));
		String index = Deliveries.indexKey(citizen.openId);
		assertThat(this.redis.opsForZSet().range(index, Range.unbounded()).collectList().block(Duration.ofSeconds(10)))
			.as("what unsubscribe erases without a SCAN")
			.containsExactlyInAnyOrder(Deliveries.key(citizen.openId, Long.toString(first)),
					Deliveries.key(citizen.openId, Long.toString(second)));
		// Kept as long as the last reply may be (the default dedupe TTL, 1 h, after a lease of the reply
		// budget + a margin), no longer.
		assertThat(this.redis.getExpire(index).block(Duration.ofSeconds(10)))
			.isGreaterThan(Duration.ofMinutes(60))
			.isLessThanOrEqualTo(Duration.ofMinutes(60).plus(Deliveries.lease(this.properties.replyBudget())));
	}

	/** Every key whose value (read whole, by its type) contains the text: a SCAN over all keys. */
	java.util.List<String> keysHolding(String text) {
		return this.redis.scan(ScanOptions.scanOptions().count(1000).build())
			.concatMap((key) -> this.redis.type(key).flatMapMany((type) -> switch (type) {
				case STRING -> this.redis.opsForValue().get(key).flux();
				case HASH -> this.redis.<String, String>opsForHash().values(key);
				case LIST -> this.redis.opsForList().range(key, 0, -1);
				case SET -> this.redis.opsForSet().members(key);
				case ZSET -> this.redis.opsForZSet().range(key, org.springframework.data.domain.Range.unbounded());
				default -> reactor.core.publisher.Flux.<String>empty();
			}).filter((value) -> value.contains(text)).take(1).map((value) -> key))
			.collectList()
			.block(Duration.ofSeconds(30));
	}

	java.util.List<String> keysAbout(String openId) {
		return this.redis.scan(ScanOptions.scanOptions().match("*" + openId + "*").count(1000).build())
			.collectList()
			.block(Duration.ofSeconds(10));
	}

}

package io.zhengwu.assistant.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

import me.chanjar.weixin.common.util.crypto.WxCryptUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator pushes to a webhook as WeChat does and judges the answer as WeChat does. Here the
 * webhook is a stub written with WxJava's crypto, independent of the simulator's own.
 */
class WebhookDeliveryTest {

	static final String TOKEN = "stubtoken";

	static final String APP_ID = "wxstub000000000001";

	final String aesKey = WechatSideCryptoTest.randomAesKey();

	final SimulatedAccount account = new SimulatedAccount(APP_ID, TOKEN, this.aesKey, SimulatedAccount.ORIGINAL_ID);

	final String openId = "o" + UUID.randomUUID().toString().replace("-", "").substring(0, 27);

	final List<Received> received = new CopyOnWriteArrayList<>();

	DisposableServer stub;

	@AfterEach
	void stopStub() {
		if (this.stub != null) {
			this.stub.disposeNow();
		}
	}

	@Test
	void aPlaintextQuestionArrivesSignedAsWechatSendsItAndTheTextReplyIsReturned() {
		WebhookDelivery delivery = deliveryTo((request, xml) -> replyXml(request, "您好，" + field(xml, "Content")));
		Delivery result = delivery.push(CitizenMessage.text(this.openId, "身份证"), false).block(Duration.ofSeconds(30));
		assertThat(result.accepted()).isTrue();
		assertThat(result.text()).isEqualTo("您好，身份证");
		Received push = this.received.get(0);
		String timestamp = push.query("timestamp");
		assertThat(push.query("signature"))
			.isEqualTo(WechatSideCrypto.signature(TOKEN, timestamp, push.query("nonce")));
		assertThat(push.query("openid")).isEqualTo(this.openId);
		assertThat(push.query("encrypt_type")).isNull();
		assertThat(field(push.body(), "FromUserName")).isEqualTo(this.openId);
		assertThat(field(push.body(), "ToUserName")).isEqualTo(SimulatedAccount.ORIGINAL_ID);
		assertThat(field(push.body(), "MsgType")).isEqualTo("text");
		assertThat(field(push.body(), "MsgId")).matches("[0-9]{17,19}");
		assertThat(Long.parseLong(field(push.body(), "CreateTime")))
			.isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
	}

	@Test
	void inSafeModeTheQuestionIsEncryptedForWxJavaAndTheEncryptedReplyIsVerifiedAndDecrypted() {
		WxCryptUtil wechatCrypto = new WxCryptUtil(TOKEN, this.aesKey, APP_ID);
		WebhookDelivery delivery = deliveryTo((request, body) -> {
			String encrypt = field(body, "Encrypt");
			assertThat(request.query("msg_signature")).isEqualTo(
					WechatSideCrypto.signature(TOKEN, request.query("timestamp"), request.query("nonce"), encrypt));
			String xml = wechatCrypto.decrypt(encrypt);
			return wechatCrypto.encrypt(replyXml(request, "ཁྱེད་ཀྱི་དྲི་བ། " + field(xml, "Content")));
		});
		Delivery result = delivery.push(CitizenMessage.text(this.openId, "ཐོབ་ཐང་ལག་ཁྱེར།"), true)
			.block(Duration.ofSeconds(30));
		assertThat(result.problems()).isEmpty();
		assertThat(result.text()).isEqualTo("ཁྱེད་ཀྱི་དྲི་བ། ཐོབ་ཐང་ལག་ཁྱེར།");
		assertThat(this.received.get(0).query("encrypt_type")).isEqualTo("aes");
		assertThat(this.received.get(0).body()).doesNotContain("ཐོབ་ཐང").contains("<Encrypt>");
	}

	@Test
	void anEncryptedReplyWithAWrongSignatureIsNotShownToTheCitizen() {
		WxCryptUtil wechatCrypto = new WxCryptUtil(TOKEN, this.aesKey, APP_ID);
		WebhookDelivery delivery = deliveryTo((request, body) -> wechatCrypto.encrypt(replyXml(request, "hi"))
			.replaceAll("<MsgSignature><!\\[CDATA\\[[0-9a-f]+", "<MsgSignature><![CDATA[" + "0".repeat(40)));
		Delivery result = delivery.push(CitizenMessage.text(this.openId, "hi"), true).block(Duration.ofSeconds(30));
		assertThat(result.accepted()).isFalse();
		assertThat(result.problems()).anySatisfy((problem) -> assertThat(problem).contains("MsgSignature"));
	}

	@Test
	void successIsAcceptedWithNoReplyAsWechatShowsNothing() {
		WebhookDelivery delivery = deliveryTo((request, body) -> "success");
		Delivery result = delivery.push(CitizenMessage.event(this.openId, "CLICK", "MENU_TOPICS"), false)
			.block(Duration.ofSeconds(30));
		assertThat(result.accepted()).isTrue();
		assertThat(result.reply()).isNull();
		assertThat(field(this.received.get(0).body(), "Event")).isEqualTo("CLICK");
		assertThat(field(this.received.get(0).body(), "EventKey")).isEqualTo("MENU_TOPICS");
	}

	@Test
	void aTappedChoiceIsSentWithItsBizmsgmenuid() {
		WebhookDelivery delivery = deliveryTo((request, body) -> "");
		delivery.push(CitizenMessage.choice(this.openId, "满意", "101"), false).block(Duration.ofSeconds(30));
		assertThat(field(this.received.get(0).body(), "Content")).isEqualTo("满意");
		assertThat(field(this.received.get(0).body(), "bizmsgmenuid")).isEqualTo("101");
	}

	@Test
	void aRefusalStatusIsReportedAsAProblem() {
		this.stub = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> response.status(403).send())
			.bindNow();
		WebhookDelivery delivery = new WebhookDelivery(this.account, new LocalServer(this.stub.port()));
		Delivery result = delivery.push(CitizenMessage.text(this.openId, "hi"), false).block(Duration.ofSeconds(30));
		assertThat(result.status()).isEqualTo(403);
		assertThat(result.problems()).containsExactly("the webhook answered HTTP 403");
	}

	@Test
	void aTextReplyOverWechats2048BytesIsNotShown() {
		WebhookDelivery delivery = deliveryTo((request, body) -> replyXml(request, "长".repeat(700)));
		Delivery result = delivery.push(CitizenMessage.text(this.openId, "hi"), false).block(Duration.ofSeconds(30));
		assertThat(result.problems()).singleElement().asString().contains("2100 bytes");
	}

	@Test
	void aReplyAddressedToSomeoneElseIsNotShown() {
		WebhookDelivery delivery = deliveryTo((request, body) -> WechatXml.write(Map.of("ToUserName", "oSomeoneElse",
				"FromUserName", SimulatedAccount.ORIGINAL_ID, "MsgType", "text", "Content", "hi")));
		Delivery result = delivery.push(CitizenMessage.text(this.openId, "hi"), false).block(Duration.ofSeconds(30));
		assertThat(result.problems()).contains("the reply's ToUserName is not the citizen's openid");
	}

	@Test
	void aWebhookSlowerThanWechatsWaitGetsTheSameMessageAgainAndItsLaterAnswerIsShown() {
		// The first call is held until the delivery is over, so it surely misses WeChat's wait; the
		// retry is answered at once, well within it.
		Sinks.Empty<Void> firstHeld = Sinks.empty();
		this.stub = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> request.receive()
			.aggregate()
			.asString()
			.flatMap((body) -> {
				this.received.add(new Received(request.uri(), body));
				Mono<String> answer = Mono.just(replyXml(new Received(request.uri(), body), "慢"));
				return (this.received.size() == 1) ? answer.delaySubscription(firstHeld.asMono()) : answer;
			})
			.flatMap((reply) -> response.sendString(Mono.just(reply)).then())).bindNow();
		WebhookDelivery delivery = new WebhookDelivery(this.account, new LocalServer(this.stub.port()),
				WebhookDelivery.WECHAT_WAIT);
		Delivery result = delivery.push(CitizenMessage.text(this.openId, "hi"), false).block(Duration.ofSeconds(60));
		firstHeld.tryEmitEmpty();
		assertThat(result.attempts()).isEqualTo(2);
		assertThat(result.text()).isEqualTo("慢");
		assertThat(this.received).hasSize(2);
		assertThat(field(this.received.get(1).body(), "MsgId")).isEqualTo(field(this.received.get(0).body(), "MsgId"));
	}

	private WebhookDelivery deliveryTo(BiFunction<Received, String, String> webhook) {
		this.stub = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post("/wechat/callback", (request, response) -> response.sendString(request
				.receive()
				.aggregate()
				.asString()
				.map((body) -> {
					Received received = new Received(request.uri(), body);
					this.received.add(received);
					return webhook.apply(received, body);
				}))))
			.bindNow();
		return new WebhookDelivery(this.account, new LocalServer(this.stub.port()));
	}

	private String replyXml(Received request, String content) {
		return WechatXml.write(new java.util.LinkedHashMap<>(Map.of("ToUserName", request.query("openid"),
				"FromUserName", SimulatedAccount.ORIGINAL_ID, "MsgType", "text", "Content", content)));
	}

	private static String field(String xml, String name) {
		return WechatXml.read(xml).field(name);
	}

	record Received(String uri, String body) {

		String query(String name) {
			UriComponents components = UriComponentsBuilder.fromUriString(this.uri).build();
			String value = components.getQueryParams().getFirst(name);
			return (value != null) ? java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8) : null;
		}

	}

}

package io.zhengwu.assistant.simulator;

import java.time.Duration;
import java.util.List;

import java.util.UUID;

import me.chanjar.weixin.common.bean.menu.WxMenu;
import me.chanjar.weixin.common.bean.menu.WxMenuButton;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.api.impl.WxMpServiceImpl;
import me.chanjar.weixin.mp.bean.kefu.WxMpKefuMessage;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateData;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateMessage;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fake WeChat API, driven by a real WxJava client over HTTP, as the app's own client drives it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class FakeWechatApiTest {

	@Autowired
	FakeWechatApi fake;

	@LocalServerPort
	int port;

	WxMpService wechat;

	String appId = "wxtest" + UUID.randomUUID().toString().substring(0, 8);

	String openId = "o" + UUID.randomUUID().toString().replace("-", "").substring(0, 27);

	@BeforeEach
	void wxJavaClientPointedAtTheFake() {
		WxMpDefaultConfigImpl config = new WxMpDefaultConfigImpl();
		config.setAppId(this.appId);
		config.setSecret("not-a-real-secret");
		config.setUseStableAccessToken(true);
		WxMpServiceImpl client = new WxMpServiceImpl();
		client.setWxMpConfigStorage(config);
		client.setMaxRetryTimes(0);
		WxJavaToFakeApi.point(client, "http://127.0.0.1:" + this.port + "/simulator/wx");
		this.wechat = client;
	}

	@AfterEach
	void noFailureOutlivesItsTest() {
		this.fake.reset();
	}

	@Test
	void aCustomerServiceTextSentThroughWxJavaIsRecordedForThatCitizen() throws WxErrorException {
		int tokensBefore = this.fake.tokenRequests();
		this.wechat.getKefuService()
			.sendKefuMessage(WxMpKefuMessage.TEXT().toUser(this.openId).content("您好 <b>ཁྱེད་རང་</b>").build());
		FakeWechatApi.SentMessage sent = this.fake.awaitMessage(this.openId, Duration.ofSeconds(30));
		assertThat(sent.msgType()).isEqualTo("text");
		assertThat(sent.text()).isEqualTo("您好 <b>ཁྱེད་རང་</b>");
		assertThat(this.fake.tokenRequests()).isEqualTo(tokensBefore + 1);
		assertThat(this.fake.calls()).anySatisfy((call) -> {
			assertThat(call.path()).isEqualTo("/cgi-bin/stable_token");
			assertThat(call.body()).contains("\"force_refresh\":false");
		});
	}

	@Test
	void theAccessTokenIsFetchedOnceAndReusedForLaterCalls() throws WxErrorException {
		this.wechat.getKefuService().sendKefuMessage(WxMpKefuMessage.TEXT().toUser(this.openId).content("一").build());
		int tokens = this.fake.tokenRequests();
		this.wechat.getKefuService().sendKefuMessage(WxMpKefuMessage.TEXT().toUser(this.openId).content("二").build());
		assertThat(this.fake.tokenRequests()).isEqualTo(tokens);
		assertThat(this.fake.sentMessages(this.openId)).extracting(FakeWechatApi.SentMessage::text)
			.containsExactly("一", "二");
	}

	@Test
	void aRevokedAccessTokenIsAnsweredWith40001AndWxJavaFetchesANewOneAndSucceeds() throws WxErrorException {
		this.wechat.getKefuService().sendKefuMessage(WxMpKefuMessage.TEXT().toUser(this.openId).content("一").build());
		this.fake.invalidateAccessTokens();
		this.wechat.getKefuService().sendKefuMessage(WxMpKefuMessage.TEXT().toUser(this.openId).content("二").build());
		assertThat(this.fake.calls()).anySatisfy((call) -> {
			assertThat(call.path()).isEqualTo("/cgi-bin/message/custom/send");
			assertThat(call.body()).contains(this.openId, "二");
			assertThat(call.errcode()).isEqualTo(40001);
		});
		assertThat(this.fake.sentMessages(this.openId)).hasSize(2);
	}

	@Test
	void aSendToACitizenOutsideThe48HourWindowFailsWith45015AndIsNotDelivered() {
		this.fake.failFor(this.openId, 45015);
		assertThatThrownBy(() -> this.wechat.getKefuService()
			.sendKefuMessage(WxMpKefuMessage.TEXT().toUser(this.openId).content("晚了").build()))
			.isInstanceOfSatisfying(WxErrorException.class,
					(ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo(45015));
		assertThat(this.fake.sentMessages(this.openId)).isEmpty();
	}

	@Test
	void failAllMakesEverySendAnswerTheGivenErrorCodeUntilReset() throws WxErrorException {
		this.fake.failAll(45047);
		assertThatThrownBy(() -> this.wechat.getKefuService()
			.sendKefuMessage(WxMpKefuMessage.TEXT().toUser(this.openId).content("太多").build()))
			.isInstanceOfSatisfying(WxErrorException.class,
					(ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo(45047));
		this.fake.reset();
		this.wechat.getKefuService().sendKefuMessage(WxMpKefuMessage.TEXT().toUser(this.openId).content("好").build());
		assertThat(this.fake.sentMessages(this.openId)).extracting(FakeWechatApi.SentMessage::text).containsExactly("好");
	}

	@Test
	void aTextOverWechats2048BytesIsRefusedWith45002() {
		String tooLong = "藏".repeat(683); // 2,049 bytes in UTF-8
		assertThatThrownBy(() -> this.wechat.getKefuService()
			.sendKefuMessage(WxMpKefuMessage.TEXT().toUser(this.openId).content(tooLong).build()))
			.isInstanceOfSatisfying(WxErrorException.class,
					(ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo(45002));
		assertThat(this.fake.sentMessages(this.openId)).isEmpty();
	}

	@Test
	void aDownApiAnswers503AndWxJavaReportsAnError() {
		this.fake.down();
		assertThatThrownBy(() -> this.wechat.getKefuService()
			.sendKefuMessage(WxMpKefuMessage.TEXT().toUser(this.openId).content("在吗").build()))
			.isInstanceOf(Exception.class);
		// The client's first call, for its access token, already meets the outage.
		assertThat(this.fake.calls()).anySatisfy((call) -> {
			assertThat(call.body()).contains(this.appId);
			assertThat(call.errcode()).isEqualTo(503);
		});
		assertThat(this.fake.sentMessages(this.openId)).isEmpty();
	}

	@Test
	void theMenuCreatedCanBeReadBackAndDeleted() throws WxErrorException {
		WxMenuButton topics = new WxMenuButton();
		topics.setType("click");
		topics.setName("办事指南");
		topics.setKey("MENU_TOPICS");
		WxMenu menu = new WxMenu();
		menu.setButtons(List.of(topics));
		this.wechat.getMenuService().menuCreate(menu);
		assertThat(this.fake.menu()).hasValueSatisfying((json) -> assertThat(json).contains("MENU_TOPICS"));
		assertThat(this.wechat.getMenuService().menuGet().getMenu().getButtons()).singleElement()
			.satisfies((button) -> assertThat(button.getKey()).isEqualTo("MENU_TOPICS"));
		this.wechat.getMenuService().menuDelete();
		assertThat(this.fake.menu()).isEmpty();
	}

	@Test
	void aTemplateMessageIsRecordedWithItsValuesAsText() throws WxErrorException {
		WxMpTemplateMessage message = WxMpTemplateMessage.builder()
			.toUser(this.openId)
			.templateId("TEMPLATE_DONE")
			.data(List.of(new WxMpTemplateData("thing1", "身份证已办好")))
			.build();
		String msgId = this.wechat.getTemplateMsgService().sendTemplateMsg(message);
		assertThat(msgId).isNotBlank();
		assertThat(this.fake.awaitMessage(this.openId, Duration.ofSeconds(30)))
			.satisfies((sent) -> assertThat(sent.msgType()).isEqualTo("template"))
			.satisfies((sent) -> assertThat(sent.text()).isEqualTo("身份证已办好"));
	}

	@Test
	void typingAndMessagesReachLiveSubscribersOfThatCitizenOnly() throws WxErrorException {
		String other = this.openId + "x";
		StepVerifier.create(this.fake.pushes(this.openId).take(2))
			.then(() -> send(other, "不是给你的"))
			.then(() -> typing(this.openId))
			.then(() -> send(this.openId, "给你的"))
			.assertNext((push) -> assertThat(push.typing()).isTrue())
			.assertNext((push) -> assertThat(push.message().text()).isEqualTo("给你的"))
			.verifyComplete();
	}

	@Test
	void anApiTheFakeDoesNotSimulateAnswers48001() {
		assertThatThrownBy(() -> this.wechat.getUserService().userInfo(this.openId))
			.isInstanceOfSatisfying(WxErrorException.class,
					(ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo(48001));
	}

	private void send(String openId, String text) {
		try {
			this.wechat.getKefuService().sendKefuMessage(WxMpKefuMessage.TEXT().toUser(openId).content(text).build());
		}
		catch (WxErrorException ex) {
			throw new AssertionError(ex);
		}
	}

	private void typing(String openId) {
		try {
			this.wechat.getKefuService().sendKfTypingState(openId, "Typing");
		}
		catch (WxErrorException ex) {
			throw new AssertionError(ex);
		}
	}


}

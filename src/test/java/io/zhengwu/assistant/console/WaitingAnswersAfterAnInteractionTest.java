package io.zhengwu.assistant.console;

import java.time.Duration;
import java.util.UUID;

import io.zhengwu.assistant.ZhengwuAssistant;
import io.zhengwu.assistant.conversation.MenuKeys;
import io.zhengwu.assistant.handoff.ChatView;
import io.zhengwu.assistant.handoff.OfficerDesk;
import io.zhengwu.assistant.simulator.FakeWechatApi;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WeChat lets an account send customer-service messages for 48 hours after any interaction of the
 * citizen: a message, and also a menu click. An officer's answer written after the window closed
 * waits; the citizen tapping a menu item, or switching the language, reopens the window and the
 * answer goes out (over the real webhook, to the fake WeChat API).
 */
@SpringBootTest(classes = ZhengwuAssistant.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class WaitingAnswersAfterAnInteractionTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String TOKEN = "tok" + UUID.randomUUID().toString().replace("-", "");

	private static final String OFFICER = "zhuoma-" + UUID.randomUUID().toString().substring(0, 8);

	@LocalServerPort
	int port;

	@Autowired
	OfficerDesk desk;

	@Autowired
	FakeWechatApi wechat;

	@Autowired
	StringRedisTemplate redis;

	@DynamicPropertySource
	static void token(DynamicPropertyRegistry registry) {
		registry.add("zhengwu.wechat.token", () -> TOKEN);
	}

	@Test
	void aMenuClickAfterTheWindowClosedSendsTheOfficersWaitingAnswer() {
		WechatCitizen citizen = new WechatCitizen(TOKEN);
		String chatId = withOfficerAndWindowClosed(citizen);
		assertThat(this.desk.reply(chatId, OFFICER, "您的材料已收到").block(WAIT).delivery())
			.startsWith("waiting: window closed");

		assertThat(citizen.click(base(), MenuKeys.MENU_TOPICS)).as("the menu still does what it does").contains("<xml>");
		assertThat(this.wechat.awaitMessage(citizen.openId, WAIT).text()).startsWith("您好，工作人员之前给您的回复如下")
			.endsWith("您的材料已收到");
	}

	@Test
	void switchingTheLanguageAfterTheWindowClosedSendsTheWaitingAnswerWithANoticeInTheNewLanguage() {
		WechatCitizen citizen = new WechatCitizen(TOKEN);
		String chatId = withOfficerAndWindowClosed(citizen);
		assertThat(this.desk.reply(chatId, OFFICER, "请带身份证原件").block(WAIT).delivery())
			.startsWith("waiting: window closed");

		citizen.say(base(), "བོད་ཡིག");
		assertThat(this.wechat.awaitMessage(citizen.openId, WAIT).text()).startsWith("ལས་བྱེད་པས་ཁྱེད་ལ་སྔར་བཏང་བའི་ལན")
			.endsWith("请带身份证原件");
	}

	/** The citizen asks for a person, an officer takes the chat, and 49 hours pass without a word. */
	private String withOfficerAndWindowClosed(WechatCitizen citizen) {
		citizen.say(base(), "转人工");
		ChatView chat = this.desk.queue()
			.filter((queued) -> queued.citizen().equals(citizen.pseudonym()))
			.blockFirst(WAIT);
		assertThat(chat).isNotNull();
		assertThat(this.desk.claim(chat.id(), OFFICER).block(WAIT)).isTrue();
		this.redis.opsForHash()
			.put("zw:{handoff}:window:" + citizen.openId, "last",
					Long.toString(System.currentTimeMillis() - Duration.ofHours(49).toMillis()));
		return chat.id();
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

}

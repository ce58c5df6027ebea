package io.zhengwu.assistant.console;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.zhengwu.assistant.HeadlessChromium;
import io.zhengwu.assistant.ZhengwuAssistant;
import io.zhengwu.assistant.handoff.OfficerDesk;
import io.zhengwu.assistant.simulator.FakeWechatApi;

import static org.assertj.core.api.Assertions.assertThat;

/** The officer's console in headless Chromium: log in, claim a waiting chat, reply, close it. */
@SpringBootTest(classes = ZhengwuAssistant.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ConsoleBrowserTest {

	static final String TOKEN = "tok" + UUID.randomUUID().toString().replace("-", "");

	static final String OFFICER = "web-" + UUID.randomUUID().toString().substring(0, 8);

	static final String PASSWORD = UUID.randomUUID().toString();

	static final String EDITOR = "ed-" + UUID.randomUUID().toString().substring(0, 8);

	@LocalServerPort
	int port;

	@Autowired
	FakeWechatApi wechat;

	@Autowired
	OfficerDesk desk;

	@DynamicPropertySource
	static void officerAccount(DynamicPropertyRegistry registry) {
		String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD);
		Map.of("zhengwu.wechat.token", TOKEN, "zhengwu.console.demo-login", "false",
				"zhengwu.console.accounts[0].username", OFFICER, "zhengwu.console.accounts[0].password-hash", hash,
				"zhengwu.console.accounts[0].roles", "OFFICER", "zhengwu.console.accounts[1].username", EDITOR,
				"zhengwu.console.accounts[1].password-hash", hash, "zhengwu.console.accounts[1].roles", "EDITOR")
			.forEach((key, value) -> registry.add(key, () -> value));
	}

	@Test
	void theChatPaneWithItsActionsIsHiddenUntilAChatIsChosenAndThePromptToChooseOneThen() {
		String base = "http://127.0.0.1:" + this.port;
		WechatCitizen citizen = new WechatCitizen(TOKEN);
		citizen.say(base, "转人工");
		String chatId = queuedChatOf(citizen);

		try (HeadlessChromium chromium = HeadlessChromium.desktop()) {
			logIn(chromium, base + "/console/", OFFICER);
			WebElement waiting = chromium.waitFor(By.cssSelector("#queue li[data-chat='" + chatId + "']"));
			assertThat(chromium.driver().findElement(By.id("empty")).isDisplayed()).as("the prompt to choose a chat")
				.isTrue();
			assertThat(chromium.driver().findElement(By.id("chat")).isDisplayed())
				.as("no reply box or actions before a chat is chosen")
				.isFalse();

			waiting.click();
			chromium.waitUntil((driver) -> driver.findElement(By.id("chat")).isDisplayed());
			assertThat(chromium.driver().findElement(By.id("empty")).isDisplayed()).as("the prompt, once a chat is open")
				.isFalse();
		}
	}

	@Test
	void theEditorSeesTheUnansweredQuestionsAtOnceAndEveryFactToConfirmWhenUnfolded() {
		try (HeadlessChromium chromium = HeadlessChromium.desktop()) {
			logIn(chromium, "http://127.0.0.1:" + this.port + "/console/editor", EDITOR);
			chromium.waitUntil((driver) -> !driver.findElement(By.id("tbc-count")).getText().isEmpty());
			int count = Integer.parseInt(chromium.driver().findElement(By.id("tbc-count")).getText().replaceAll("\\D", ""));
			assertThat(count).as("the knowledge has facts to confirm (【待确认】)").isGreaterThan(200);

			WebElement unanswered = chromium.driver().findElement(By.xpath("//h2[text()='没答上的问题']"));
			assertThat(unanswered.getLocation().getY())
				.as("the unanswered questions within two screens, not below hundreds of lines of facts to confirm")
				.isLessThan(1600);
			assertThat(chromium.driver().findElement(By.id("tbc")).isDisplayed()).as("folded").isFalse();

			chromium.driver().findElement(By.cssSelector("#tbc-box summary")).click();
			assertThat(chromium.driver().findElements(By.cssSelector("#tbc li"))).as("every one, not the first 200")
				.hasSize(count)
				.allMatch(WebElement::isDisplayed);
		}
	}

	@Test
	void anOfficerWhoseReplyIsRefusedIsToldWhyInTheConsolesLanguage() {
		String base = "http://127.0.0.1:" + this.port;
		WechatCitizen citizen = new WechatCitizen(TOKEN);
		citizen.say(base, "转人工");
		String chatId = queuedChatOf(citizen);
		this.desk.claim(chatId, "another-officer").block(Duration.ofSeconds(30));

		ConsoleLogin officer = ConsoleLogin.as(base, OFFICER, PASSWORD);
		officer.post("/console/api/chats/" + chatId + "/reply", Map.of("text", "您好"))
			.expectStatus()
			.isEqualTo(409)
			.expectBody(Map.class)
			.value((problem) -> assertThat(problem.get("detail") + " " + problem.get("title"))
				.contains("接单")
				.doesNotContainPattern("[A-Za-z]{3,}"));
		officer.get("/console/api/chats/no-such-chat")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody(Map.class)
			.value((problem) -> assertThat((String) problem.get("detail")).doesNotContainPattern("[A-Za-z]{3,}"));
	}

	@Test
	void anOfficerLogsInClaimsAWaitingChatRepliesAndClosesIt() {
		String base = "http://127.0.0.1:" + this.port;
		WechatCitizen citizen = new WechatCitizen(TOKEN);
		citizen.say(base, "转人工");
		citizen.say(base, "我想问边境证怎么办，急用");
		String chatId = queuedChatOf(citizen);

		try (HeadlessChromium chromium = HeadlessChromium.desktop()) {
			logIn(chromium, base + "/console/", OFFICER);

			WebElement claim = chromium.waitFor(By.cssSelector("#queue li[data-chat='" + chatId + "'] button.claim"));
			assertThat(chromium.driver().findElement(By.id("me")).getText()).isEqualTo(OFFICER);
			claim.click();
			chromium.waitUntil((driver) -> driver.findElement(By.id("chat-state")).getText().contains("处理中"));
			assertThat(chromium.driver().findElement(By.id("transcript")).getText()).contains("我想问边境证怎么办，急用");
			chromium.waitUntil((driver) -> driver.findElement(By.id("transcript")).getText().contains(OFFICER + "：接单"));
			assertThat(chromium.driver().findElements(By.cssSelector("#transcript li.action")))
				.as("what happened, in the console's language")
				.extracting(WebElement::getText)
				.anyMatch((text) -> text.endsWith("系统：转人工：要求人工"))
				.noneMatch((text) -> text.contains("handed over") || text.contains("claim"));
			chromium.waitFor(By.cssSelector("#mine li[data-chat='" + chatId + "']"));

			chromium.driver().findElement(By.id("reply-text")).sendKeys("您好，边境证可以在网上办理，我把步骤发给您。");
			chromium.driver().findElement(By.id("reply-send")).click();
			chromium.waitUntil((driver) -> driver.findElement(By.cssSelector("#transcript li.officer .delivery.sent")));
			assertThat(this.wechat.awaitMessage(citizen.openId, Duration.ofSeconds(20)).text())
				.isEqualTo("您好，边境证可以在网上办理，我把步骤发给您。");
			assertThat(chromium.driver().findElement(By.id("chat-window")).getText()).contains("还可发 4 条");

			chromium.driver().findElement(By.id("close-outcome")).sendKeys("已告知网上办理");
			chromium.driver().findElement(By.id("close-btn")).click();
			chromium.waitUntil((driver) -> driver.findElement(By.id("chat-state")).getText().contains("待评价"));
			chromium.screenshot("console-closed");
		}
		assertThat(this.desk.chat(chatId).block(Duration.ofSeconds(30)).outcome()).isEqualTo("已告知网上办理");
		assertThat(this.desk.auditLog(100).collectList().block(Duration.ofSeconds(30)))
			.filteredOn((record) -> record.chatId().equals(chatId))
			.extracting((record) -> record.who() + ":" + record.action())
			.contains(OFFICER + ":claim", OFFICER + ":reply", OFFICER + ":close");
	}

	/** The id of the chat the citizen's request for a person queued. */
	private String queuedChatOf(WechatCitizen citizen) {
		return this.desk.queue()
			.filter((chat) -> chat.citizen().equals(citizen.pseudonym()))
			.blockFirst(Duration.ofSeconds(30))
			.id();
	}

	/** Opens a console page, which asks for the login, and logs in. */
	private static void logIn(HeadlessChromium chromium, String page, String username) {
		chromium.open(page);
		chromium.waitFor(By.name("username")).sendKeys(username);
		chromium.driver().findElement(By.name("password")).sendKeys(PASSWORD);
		chromium.driver().findElement(By.cssSelector("button[type=submit]")).click();
	}

}

package io.zhengwu.assistant.simulator;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;

import io.zhengwu.assistant.HeadlessChromium;
import io.zhengwu.assistant.knowledge.Language;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static io.zhengwu.assistant.HeadlessChromium.css;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The citizen chat page in headless Chromium at phone size, against the running app.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CitizenChatPageTest {

	@LocalServerPort
	int port;

	@Autowired
	FakeWechatApi fake;

	HeadlessChromium chromium;

	String openId;

	@BeforeEach
	void openThePageAsANewCitizen() {
		this.chromium = HeadlessChromium.phone();
		this.chromium.open("http://127.0.0.1:" + this.port + "/");
		this.chromium.waitUntil((driver) -> "true".equals(driver.findElement(css("body")).getDomAttribute("data-ready")));
		this.openId = (String) this.chromium.script("return localStorage.getItem('zw.sim.openid')");
	}

	@AfterEach
	void closeTheBrowser() {
		this.chromium.close();
	}

	@Test
	void aFirstVisitMakesANewCitizenWithAWechatShapedOpenId() {
		assertThat(this.openId).matches("o[A-Za-z0-9_-]{27}");
		assertThat(this.chromium.waitFor(css("#log .note")).getText()).contains("关注");
	}

	@Test
	void customerServiceMessagesAppearLiveWithChoicesAndLinksAndNoMarkupFromTheReply() {
		String content = "请选择：\n<a href=\"weixin://bizmsgmenu?msgmenucontent=身份证丢了&msgmenuid=7\">1. 身份证丢了</a>\n"
				+ "详见 https://example.org/guides/id-card-lost <script>window.injected=1</script><img src=x onerror=\"window.injected=2\">"
				+ " <a href=\"javascript:window.injected=3\">坏链接</a>";
		customerServiceText(content);
		WebElement bubble = this.chromium.waitUntil((driver) -> driver.findElements(css(".msg.them .bubble"))
			.stream()
			.filter((element) -> element.getText().contains("请选择"))
			.findFirst()
			.orElse(null));
		assertThat(bubble.getText()).contains("<script>window.injected=1</script>", "<img src=x");
		assertThat(bubble.findElements(css("script, img"))).isEmpty();
		WebElement choice = bubble.findElement(css("a.choice"));
		assertThat(choice.getText()).isEqualTo("1. 身份证丢了");
		assertThat(choice.getDomAttribute("data-content")).isEqualTo("身份证丢了");
		assertThat(choice.getDomAttribute("data-menu-id")).isEqualTo("7");
		List<WebElement> links = bubble.findElements(css("a.link"));
		assertThat(links).singleElement()
			.satisfies((link) -> assertThat(link.getDomAttribute("href")).isEqualTo("https://example.org/guides/id-card-lost"));
		assertThat(bubble.findElements(css("a[href^='javascript']"))).isEmpty();
		assertThat(bubble.getText()).contains("坏链接");
		assertThat(this.chromium.script("return window.injected === undefined")).isEqualTo(true);
	}

	@Test
	void tibetanTextIsMarkedAsTibetanAndSetInATibetanFont() {
		customerServiceText("ཐོབ་ཐང་ལག་ཁྱེར་བརླགས་ན། 阿里");
		WebElement bubble = this.chromium.waitFor(css(".msg.them .bubble.bo"));
		assertThat(bubble.getDomAttribute("lang")).isEqualTo("bo");
		assertThat(bubble.getCssValue("font-family")).contains("Noto Sans Tibetan", "Noto Serif Tibetan",
				"Microsoft Himalaya", "Noto Sans CJK SC");
		this.chromium.screenshot("chat-tibetan-phone");
	}

	@Test
	void aChineseQuestionGetsAChineseAnswerAndATibetanQuestionATibetanAnswerThroughTheWebhook() {
		assertThat(this.chromium.driver().findElement(css("#aes")).isSelected()).as("safe mode on").isTrue();
		WebElement chinese = ask("身份证丢了怎么办？", "居民身份证挂失补领");
		assertThat(Language.detect(chinese.getText(), Language.BO)).isEqualTo(Language.ZH);
		WebElement tibetan = ask("ཐོབ་ཐང་ལག་ཁྱེར་ཤོར་སོང་། གསར་པ་ཇི་ལྟར་ལེན་དགོས།", "སྡོད་དམངས་ཐོབ་ཐང་ལག་ཁྱེར་བརླག་ན་བསྐྱར་ཞུ");
		assertThat(Language.detect(tibetan.getText(), Language.ZH)).isEqualTo(Language.BO);
		assertThat(tibetan.getDomAttribute("lang")).isEqualTo("bo");
		this.chromium.screenshot("chat-phone");
	}

	@Test
	void withSafeModeOffTheQuestionGoesInPlaintextAndIsAnsweredAllTheSame() {
		this.chromium.driver().findElement(css("#more")).click();
		this.chromium.waitFor(css("#aes")).click();
		assertThat(this.chromium.driver().findElement(css("#aes")).isSelected()).isFalse();
		this.chromium.driver().findElement(css("#more")).click();
		ask("身份证丢了怎么办？", "居民身份证挂失补领");
	}

	@Test
	void tappingAChoiceSendsItsContentAsTheCitizensMessageAndItIsAnswered() {
		customerServiceText("<a href=\"weixin://bizmsgmenu?msgmenucontent=身份证丢了怎么办&msgmenuid=1\">1. 身份证丢了</a>");
		this.chromium.waitFor(css("a.choice")).click();
		this.chromium.waitUntil((driver) -> driver.findElements(css(".msg.me .bubble"))
			.stream()
			.anyMatch((bubble) -> bubble.getText().equals("身份证丢了怎么办")));
		answerContaining("居民身份证挂失补领", 0);
	}

	@Test
	void aMenuClickIsAnsweredAndTheLanguageSwitchAnswersInTibetan() {
		this.chromium.driver().findElement(css("#to-menu")).click();
		WebElement language = this.chromium.waitUntil((driver) -> driver.findElements(css(".menu > button"))
			.stream()
			.filter((button) -> button.getText().contains("中文"))
			.findFirst()
			.orElse(null));
		language.click();
		int before = answers().size();
		this.chromium.waitUntil((driver) -> driver.findElements(css("#submenu button"))
			.stream()
			.filter((button) -> button.getText().equals("བོད་ཡིག"))
			.findFirst()
			.orElse(null)).click();
		WebElement reply = this.chromium.waitUntil((driver) -> (answers().size() > before) ? answers().get(before) : null);
		assertThat(Language.detect(reply.getText(), Language.ZH)).isEqualTo(Language.BO);
		this.chromium.screenshot("chat-menu-phone");
	}

	@Test
	void unsubscribingShowsItAndOffersToFollowAgain() {
		answerContaining("", 0); // the welcome has arrived
		this.chromium.driver().findElement(css("#more")).click();
		this.chromium.waitFor(css("#unsubscribe")).click();
		this.chromium.waitFor(css("#follow"));
		assertThat(this.chromium.driver().findElement(css("#inputbar")).isDisplayed()).isFalse();
		assertThat(this.chromium.driver().findElements(css("#log .note")))
			.anySatisfy((note) -> assertThat(note.getText()).contains("取消关注"));
	}

	/** Types a question, sends it, and returns the account's answer that contains {@code expected}. */
	private WebElement ask(String question, String expected) {
		int before = answers().size();
		WebElement text = this.chromium.waitFor(css("#text"));
		text.sendKeys(question);
		this.chromium.driver().findElement(css("#send")).click();
		return answerContaining(expected, before);
	}

	private WebElement answerContaining(String expected, int after) {
		try {
			return this.chromium.waitUntil((driver) -> {
				List<WebElement> answers = answers();
				return answers.subList(Math.min(after, answers.size()), answers.size())
					.stream()
					.filter((bubble) -> bubble.getText().contains(expected))
					.findFirst()
					.orElse(null);
			});
		}
		catch (TimeoutException ex) {
			this.chromium.screenshot("failed-" + getClass().getSimpleName());
			throw new AssertionError("no answer containing '" + expected + "'; the chat shows:\n"
					+ this.chromium.driver().findElement(css("#log")).getText(), ex);
		}
	}

	/** The account's messages so far, not counting the "···" of one on its way. */
	private List<WebElement> answers() {
		return this.chromium.driver().findElements(css(".msg.them .bubble:not(.pending)"));
	}

	private void customerServiceText(String content) {
		String json = "{\"touser\":\"" + this.openId + "\",\"msgtype\":\"text\",\"text\":{\"content\":"
				+ tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(content) + "}}";
		this.fake.accept(new FakeWechatApi.SentMessage(Instant.now(), this.openId, "text", content, json));
	}

}

package io.zhengwu.assistant.knowledge;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ActiveProfiles;

import io.zhengwu.assistant.HeadlessChromium;

import static org.assertj.core.api.Assertions.assertThat;

/** The guide page as a citizen sees it: a phone-sized headless Chromium, no sideways scrolling. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("test")
class GuidePageInChromiumTest {

	@LocalServerPort
	int port;

	@Autowired
	KnowledgeSearch search;

	@Test
	void theTibetanGuidePageFitsAPhoneScreenAndShowsUnconfirmedFactsAsAskAtTheWindow() throws Exception {
		String title = this.search.search("ཐོབ་ཐང་ལག་ཁྱེར་ཐེངས་དང་པོར་ཞུ་བ།", Language.BO).hits().get(0).title();
		try (HeadlessChromium chromium = HeadlessChromium.phone()) {
			chromium.open("http://localhost:" + this.port + "/guides/id-card-first?lang=bo");
			assertThat(chromium.waitFor(HeadlessChromium.css("h1")).getText()).isEqualTo(title);
			assertThat(chromium.script("return document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
			assertThat(chromium.waitFor(HeadlessChromium.css(".ask")).isDisplayed()).isTrue();
			assertThat(chromium.script("return document.querySelectorAll('section').length")).asString()
				.matches("1[0-9]|[89]");
			Path shot = chromium.screenshot("guide-page-bo");
			assertThat(Files.size(shot)).isGreaterThan(5_000);
			chromium.open("http://localhost:" + this.port + "/guides/id-card-first?lang=zh");
			assertThat(chromium.waitFor(HeadlessChromium.css("h1")).getText()).isEqualTo("首次申领居民身份证");
			assertThat(chromium.script("return document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
			chromium.screenshot("guide-page-zh");
		}
	}

}

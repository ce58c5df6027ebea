package io.zhengwu.assistant;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeadlessChromiumTest {

	@Test
	void opensAPageInAPhoneSizedViewportReadsItsTextAndSavesAScreenshot() throws Exception {
		String html = "<!doctype html><meta charset=utf-8><title>t</title>"
				+ "<p id=zh>身份证</p><p id=bo>ཐུགས་རྗེ་ཆེ།</p><button onclick=\"this.textContent='ok'\">go</button>";
		try (HeadlessChromium chromium = HeadlessChromium.phone()) {
			chromium.open("data:text/html;charset=utf-8," + URLEncoder.encode(html, StandardCharsets.UTF_8).replace("+", "%20"));
			assertThat(chromium.waitFor(HeadlessChromium.css("#zh")).getText()).isEqualTo("身份证");
			assertThat(chromium.waitFor(HeadlessChromium.css("#bo")).getText()).isEqualTo("ཐུགས་རྗེ་ཆེ།");
			chromium.waitFor(HeadlessChromium.css("button")).click();
			chromium.waitUntil((driver) -> "ok".equals(driver.findElement(HeadlessChromium.css("button")).getText()));
			assertThat(chromium.script("return [window.innerWidth, window.innerHeight]")).asList().containsExactly(390L, 844L);
			Path shot = chromium.screenshot("headless-chromium-selftest");
			assertThat(Files.size(shot)).isGreaterThan(1000);
		}
	}

}

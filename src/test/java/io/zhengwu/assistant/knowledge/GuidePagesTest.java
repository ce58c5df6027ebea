package io.zhengwu.assistant.knowledge;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The guide pages linked from every answer, served by the running app. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("test")
class GuidePagesTest {

	@Autowired
	WebTestClient http;

	@TempDir
	Path temp;

	private String page(String uri) {
		return this.http.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	@Test
	void theTibetanPageShowsTheWholeGuideInTibetanWithATibetanFont() {
		String html = page("/guides/id-card-first?lang=bo");
		assertThat(html).contains("<html lang=\"bo\">", "Noto Sans Tibetan", "Microsoft Himalaya",
				"name=\"viewport\"", "ཐོབ་ཐང་ལག་ཁྱེར", "ཐེམ་ཐོ་དེབ", "དགོས་པའི་ཡིག་ཆ།", "སྒྲུབ་རིམ།",
				"href=\"/guides/id-card-first?lang=zh\"", "href=\"/guides/id-card-renewal?lang=bo\"");
		assertThat(html).as("an unconfirmed fact reads as 'please ask at the window'")
			.doesNotContain(Scripts.MARKER_BO)
			.contains("<span class=\"ask\">སྒེའུ་ཁུང་ལ་འདྲི་རོགས།</span>");
		assertThat(html).doesNotContain("身份证");
	}

	@Test
	void theChinesePageIsTheDefaultAndListsMaterialsStepsAndTheRest() {
		String html = page("/guides/id-card-first");
		assertThat(html).contains("<html lang=\"zh\">", "首次申领居民身份证", "所需材料", "居民户口簿", "原件1份", "办理流程",
				"办理时限", "收费标准", "办理地点", "办理时间", "网上办理", "咨询电话", "法律依据", "相关事项");
		assertThat(html).doesNotContain(Scripts.MARKER_ZH).contains("<span class=\"ask\">请向窗口咨询</span>");
	}

	@Test
	void anUnknownGuideIsAFriendly404() {
		String html = this.http.get()
			.uri("/guides/no-such-guide?lang=bo")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(html).contains("ལས་དོན་འདི་རྙེད་མ་སོང་།");
	}

	@Test
	void textFromTheKnowledgeFilesIsEscaped() {
		Path dir = KnowledgeFixtures.copyOfTheRealKnowledge(this.temp);
		KnowledgeFixtures.write(dir.resolve("guides/id-card-first.yaml"), KnowledgeFixtures.GUIDE
			.replace("summary: {zh: 年满16周岁的公民应当申领居民身份证。", "summary: {zh: '年满16周岁<script>alert(1)</script>申领。'"));
		PublishedKnowledge knowledge = new PublishedKnowledge(dir, "http://localhost:8080");
		assertThat(knowledge.publish().published()).isTrue();
		String html = GuidePage.render(knowledge.guide("id-card-first").orElseThrow(), Language.ZH,
				knowledge.publication().base().guides());
		assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
	}

}

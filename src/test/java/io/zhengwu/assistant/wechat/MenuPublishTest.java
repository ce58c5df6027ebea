package io.zhengwu.assistant.wechat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.zhengwu.assistant.simulator.FakeWechatApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code menu publish} sends the shipped menu through WxJava's menu API; here to the simulator's
 * fake WeChat API over HTTP, which records the menu it was given.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MenuPublishTest {

	@LocalServerPort
	int port;

	@Autowired
	FakeWechatApi wechat;

	@TempDir
	Path dir;

	@Test
	void theShippedMenuPublishedToTheSimulatorReachesTheFakeWeChatApi() {
		MenuCheckTest.Run run = MenuCheckTest.run(Map.of(), "publish", "--file", MenuCommand.DEFAULT_FILE,
				"--public-base-url", "https://zw.example.gov.cn", "--simulator",
				"http://localhost:" + this.port + "/simulator/wx");

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).contains("Published the menu to the simulator");
		assertThat(this.wechat.menu()).hasValueSatisfying((menu) -> assertThat(menu).contains("MENU_TOPICS",
				"MENU_LANG_ZH", "MENU_LANG_BO", "MENU_HUMAN", "中文/བོད"));
	}

	@Test
	void aMenuOverWeChatsLimitsIsNotSentAtAll() throws Exception {
		Path file = this.dir.resolve("menu.json");
		Files.writeString(file, "{\"button\":[{\"type\":\"click\",\"name\":\"བོད་ཡིག\",\"key\":\"MENU_LANG_BO\"}]}");
		int callsBefore = this.wechat.calls().size();

		MenuCheckTest.Run run = MenuCheckTest.run(Map.of(), "publish", "--file", file.toString(), "--simulator",
				"http://localhost:" + this.port + "/simulator/wx");

		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).contains("button[0].name: \"བོད་ཡིག\" is 21 bytes");
		assertThat(this.wechat.calls()).hasSize(callsBefore);
	}

}

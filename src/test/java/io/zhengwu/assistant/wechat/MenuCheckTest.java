package io.zhengwu.assistant.wechat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The menu is checked against WeChat's limits before it is sent, and every problem is named by its
 * place in the file.
 */
class MenuCheckTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path dir;

	@Test
	void theShippedMenuIsWithinWeChatsLimits() throws IOException {
		String menu = Files.readString(Path.of(MenuCommand.DEFAULT_FILE)).replace(MenuCommand.PUBLIC_BASE_URL,
				"https://zhengwu.example.gov.cn");
		assertThat(MenuCheck.problems(menu)).isEmpty();
		assertThat(menu).contains("MENU_TOPICS", "MENU_LANG_ZH", "MENU_LANG_BO", "MENU_HUMAN");
	}

	@Test
	void fourTopLevelButtonsAreRejected() {
		List<Object> buttons = List.of(click("一", "A"), click("二", "B"), click("三", "C"), click("四", "D"));
		assertThat(MenuCheck.problems(menu(buttons)))
			.containsExactly("button: has 4 top-level buttons; WeChat allows 1 to 3");
	}

	@Test
	void aMenuWithoutButtonsIsRejected() {
		assertThat(MenuCheck.problems(menu(List.of()))).containsExactly("button: has 0 top-level buttons; WeChat allows 1 to 3");
		assertThat(MenuCheck.problems("{\"menu\": []}")).singleElement().asString().contains("needs a \"button\" array");
		assertThat(MenuCheck.problems("{\"button\": [")).singleElement().asString().startsWith("menu: not valid JSON");
	}

	@Test
	void sixSubButtonsAreRejected() {
		List<Object> subs = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			subs.add(click("项" + i, "K" + i));
		}
		assertThat(MenuCheck.problems(menu(List.of(parent("办事", subs)))))
			.containsExactly("button[0].sub_button: has 6 sub-buttons; WeChat allows at most 5");
	}

	@Test
	void aTopLevelNameOverSixteenBytesIsRejectedWithItsByteCount() {
		// Seven Tibetan code points: 21 bytes, though it looks short.
		assertThat(MenuCheck.problems(menu(List.of(click("བོད་ཡིག", "MENU_LANG_BO")))))
			.containsExactly("button[0].name: \"བོད་ཡིག\" is 21 bytes in UTF-8; WeChat allows at most 16 for a "
					+ "top-level name (a Chinese character or Tibetan letter takes 3)");
	}

	@Test
	void aSubButtonNameOverSixtyBytesIsRejected() {
		String name = "办公时间 ལས་ཀའི་དུས་ཚོད་དང་གཟའ་མཇུག";
		assertThat(MenuCheck.utf8Length(name)).isGreaterThan(60);
		assertThat(MenuCheck.problems(menu(List.of(parent("办事", List.of(click(name, "GUIDE:center-hours")))))))
			.singleElement()
			.asString()
			.startsWith("button[0].sub_button[0].name: \"" + name + "\" is ")
			.contains("at most 60 for a sub-button name");
	}

	@Test
	void aKeyOver128BytesIsRejected() {
		assertThat(MenuCheck.problems(menu(List.of(click("办事", "K".repeat(129))))))
			.containsExactly("button[0].key: is 129 bytes; WeChat allows at most 128");
	}

	@Test
	void aUrlOver1024BytesIsRejected() {
		String url = "https://zhengwu.example.gov.cn/guides?" + "q".repeat(1000);
		assertThat(MenuCheck.problems(menu(List.of(view("指南", url)))))
			.containsExactly("button[0].url: is " + url.length() + " bytes; WeChat allows at most 1024");
	}

	@Test
	void buttonsMissingTheirTypesRequiredFieldsAreRejected() {
		Map<String, Object> noKey = new LinkedHashMap<>(Map.of("type", "click", "name", "人工"));
		Map<String, Object> noUrl = new LinkedHashMap<>(Map.of("type", "view", "name", "指南"));
		Map<String, Object> noType = new LinkedHashMap<>(Map.of("name", "语言"));
		Map<String, Object> noName = new LinkedHashMap<>(Map.of("type", "click", "key", "MENU_TOPICS"));
		assertThat(MenuCheck.problems(menu(List.of(noKey, noUrl, parent("更多", List.of(noType, noName))))))
			.containsExactly("button[0].key: missing; a \"click\" button needs one",
					"button[1].url: missing; a \"view\" button needs one",
					"button[2].sub_button[0].type: missing; a button without sub-buttons needs a type (click, view, ...)",
					"button[2].sub_button[1].name: missing; every button needs a name");
	}

	@Test
	void checkPrintsEveryProblemAndExitsWithOne() throws IOException {
		Path file = write(menu(List.of(click("一", "A"), click("二", "B"), click("三", "C"), click("བོད་ཡིག", "D"))));
		Run run = run(Map.of(), "check", "--file", file.toString());
		assertThat(run.exitCode).isEqualTo(1);
		assertThat(run.err).contains("2 problem(s); WeChat would refuse this menu:",
				"  button: has 4 top-level buttons; WeChat allows 1 to 3", "  button[3].name: \"བོད་ཡིག\" is 21 bytes");
	}

	@Test
	void publishWithoutTheAppSecretRefusesAndSaysWhy() throws IOException {
		Path file = write(menu(List.of(click("人工", "MENU_HUMAN"))));
		Run run = run(Map.of("WECHAT_APP_ID", "wx0123456789abcdef"), "publish", "--file", file.toString());
		assertThat(run.exitCode).isEqualTo(2);
		assertThat(run.err).contains("Not published: WECHAT_APP_ID and WECHAT_APP_SECRET");
	}

	@Test
	void aMenuLinkingToThePublicUrlNeedsItToBeSet() throws IOException {
		Path file = write(menu(List.of(view("指南", MenuCommand.PUBLIC_BASE_URL + "/guides"))));
		Run unset = run(Map.of(), "check", "--file", file.toString());
		assertThat(unset.exitCode).isEqualTo(2);
		assertThat(unset.err).contains("set PUBLIC_BASE_URL");
		Run set = run(Map.of("PUBLIC_BASE_URL", "https://zhengwu.example.gov.cn/"), "check", "--file", file.toString());
		assertThat(set.exitCode).isZero();
		assertThat(set.out).contains("within WeChat's limits");
	}

	@Test
	void aClickKeyTheAppDoesNotAnswerIsRejectedByName() throws IOException {
		Path file = write(menu(List.of(click("问题", "MENU_TOPIC"), click("地址", "GUIDE:center-locaton"),
				click("时间", "GUIDE:center-hours"))));
		Run run = run(Map.of(), "check", "--file", file.toString());
		assertThat(run.exitCode).isEqualTo(1);
		assertThat(run.err).contains("2 button(s) the app would not answer:",
				"  button[0].key: \"MENU_TOPIC\" is not a key the app answers (MENU_TOPICS, MENU_LANG_ZH, MENU_LANG_BO, "
						+ "MENU_HUMAN, GUIDE:<guide id>)",
				"  button[1].key: \"GUIDE:center-locaton\" names no guide in the knowledge base")
			.doesNotContain("center-hours");
	}

	@Test
	void anUnknownActionPrintsUsageAndExitsWithTwo() {
		Run run = run(Map.of(), "delete");
		assertThat(run.exitCode).isEqualTo(2);
		assertThat(run.err).contains("usage: menu check|publish");
	}

	private Path write(String menu) throws IOException {
		Path file = this.dir.resolve("menu.json");
		Files.writeString(file, menu);
		return file;
	}

	static Run run(Map<String, String> env, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = new MenuCommand(env, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8))
			.execute(args);
		return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	record Run(int exitCode, String out, String err) {
	}

	private static String menu(List<Object> buttons) {
		return json.writeValueAsString(Map.of("button", buttons));
	}

	private static Map<String, Object> click(String name, String key) {
		return Map.of("type", "click", "name", name, "key", key);
	}

	private static Map<String, Object> view(String name, String url) {
		return Map.of("type", "view", "name", name, "url", url);
	}

	private static Map<String, Object> parent(String name, List<Object> subs) {
		return Map.of("name", name, "sub_button", subs);
	}

}

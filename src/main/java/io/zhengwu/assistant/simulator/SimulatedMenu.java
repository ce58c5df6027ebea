package io.zhengwu.assistant.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The custom menu the chat page shows at the bottom, as WeChat would show it: the menu last
 * published to the fake WeChat API; before any is, the one in {@code deploy/menu.json}; without
 * that file, a small built-in one with the menu keys the dialogue knows.
 */
class SimulatedMenu {

	static final Path MENU_FILE = Path.of("deploy", "menu.json");

	static final String BUILT_IN = """
			{"button":[
			 {"type":"click","name":"办事指南 ལམ་སྟོན།","key":"MENU_TOPICS"},
			 {"name":"中文/བོད","sub_button":[
			  {"type":"click","name":"中文","key":"MENU_LANG_ZH"},
			  {"type":"click","name":"བོད་ཡིག","key":"MENU_LANG_BO"}]},
			 {"type":"click","name":"转人工 ལས་བྱེད་པ།","key":"MENU_HUMAN"}]}
			""";

	private final FakeWechatApi api;

	private final Path file;

	SimulatedMenu(FakeWechatApi api, Path file) {
		this.api = api;
		this.file = file;
	}

	/** The menu JSON ({@code {"button":[...]}}). Reads a file: call off the event loop. */
	String json() {
		if (this.api.menu().isPresent()) {
			return this.api.menu().get();
		}
		if (Files.isRegularFile(this.file)) {
			try {
				// The deployed menu links to the public URL; here the guides are on this server.
				return Files.readString(this.file, StandardCharsets.UTF_8).replace("${PUBLIC_URL}", "");
			}
			catch (IOException ex) {
				throw new UncheckedIOException("could not read " + this.file, ex);
			}
		}
		return BUILT_IN;
	}

}

package io.zhengwu.assistant.wechat;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.api.impl.WxMpServiceImpl;
import me.chanjar.weixin.mp.config.WxMpHostConfig;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;

/**
 * {@code java -jar zhengwu-assistant.jar menu check|publish [--file deploy/menu.json]
 * [--public-base-url https://host] [--knowledge knowledge] [--simulator URL]}: checks the official
 * account's custom menu against WeChat's limits and the keys the app answers ({@code GUIDE:<id>} must
 * name a guide in the knowledge folder), and publishes it through WeChat's {@code menu/create} API.
 * Runs without the web server.
 *
 * <p>{@code ${PUBLIC_BASE_URL}} in the menu is replaced by {@code --public-base-url} or the {@code PUBLIC_BASE_URL}
 * variable (the address citizens reach the guide pages at). Publishing needs {@code WECHAT_APP_ID}
 * and {@code WECHAT_APP_SECRET} (or {@code WECHAT_APP_SECRET_FILE}); with {@code --simulator URL}
 * it publishes to the simulator's stand-in for WeChat's API instead. Exit codes: 0 done, 1 the menu
 * has problems or WeChat refused it, 2 wrong usage or missing settings.
 */
public final class MenuCommand {

	static final String DEFAULT_FILE = "deploy/menu.json";

	static final String PUBLIC_BASE_URL = "${PUBLIC_BASE_URL}";

	/** The AppID sent to the simulator when none is configured (the simulator accepts any). */
	static final String SIMULATED_APP_ID = "wxsimulator0000000";

	private final Map<String, String> env;

	private final PrintStream out;

	private final PrintStream err;

	MenuCommand(Map<String, String> env, PrintStream out, PrintStream err) {
		this.env = env;
		this.out = out;
		this.err = err;
	}

	/** Entry point registered in {@code Commands}: the arguments after {@code menu}. */
	public static int run(String[] args) {
		return new MenuCommand(System.getenv(), System.out, System.err).execute(args);
	}

	int execute(String[] arguments) {
		Deque<String> args = new ArrayDeque<>(List.of(arguments));
		String action = args.pollFirst();
		if (!"check".equals(action) && !"publish".equals(action)) {
			return usage("expected 'menu check' or 'menu publish'");
		}
		Path file = Path.of(DEFAULT_FILE);
		String publicUrl = this.env.get("PUBLIC_BASE_URL");
		String simulator = null;
		Path knowledge = Path.of(isBlank(this.env.get("KNOWLEDGE_DIR")) ? "knowledge" : this.env.get("KNOWLEDGE_DIR"));
		while (!args.isEmpty()) {
			String option = args.pollFirst();
			String value = args.pollFirst();
			if (value == null) {
				return usage(option + " needs a value");
			}
			switch (option) {
				case "--file" -> file = Path.of(value);
				case "--public-base-url" -> publicUrl = value;
				case "--simulator" -> simulator = value;
				case "--knowledge" -> knowledge = Path.of(value);
				default -> {
					return usage("unknown option " + option);
				}
			}
		}
		String json;
		try {
			json = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			this.err.println("Cannot read the menu file " + file + " (" + ex.getClass().getSimpleName() + ")");
			return 2;
		}
		if (json.contains(PUBLIC_BASE_URL)) {
			if (publicUrl == null || publicUrl.isBlank()) {
				this.err.println(file + ": uses " + PUBLIC_BASE_URL
						+ "; set PUBLIC_BASE_URL (e.g. https://zhengwu.example.gov.cn) or pass --public-base-url");
				return 2;
			}
			json = json.replace(PUBLIC_BASE_URL, stripTrailingSlash(publicUrl));
		}
		List<String> problems = MenuCheck.problems(json);
		if (!problems.isEmpty()) {
			this.err.println(file + ": " + problems.size() + " problem(s); WeChat would refuse this menu:");
			problems.forEach((problem) -> this.err.println("  " + problem));
			return 1;
		}
		Path guides = knowledge.resolve("guides");
		List<String> unknown = MenuCheck.unknownKeys(json,
				(id) -> id.matches("[a-z0-9-]+") && Files.isRegularFile(guides.resolve(id + ".yaml")));
		if (!unknown.isEmpty()) {
			this.err.println(file + ": " + unknown.size() + " button(s) the app would not answer:");
			unknown.forEach((problem) -> this.err.println("  " + problem));
			return 1;
		}
		this.out.println(file + ": the menu is within WeChat's limits and the app answers every button");
		return "publish".equals(action) ? publish(json, simulator) : 0;
	}

	private int publish(String json, String simulator) {
		String appId = this.env.get("WECHAT_APP_ID");
		String secret = secret();
		if (simulator == null && (isBlank(appId) || isBlank(secret))) {
			this.err.println("Not published: WECHAT_APP_ID and WECHAT_APP_SECRET (or WECHAT_APP_SECRET_FILE) are "
					+ "needed to publish to WeChat; pass --simulator URL to publish to the simulator instead");
			return 2;
		}
		WxMpDefaultConfigImpl config = new WxMpDefaultConfigImpl();
		config.setAppId(isBlank(appId) ? SIMULATED_APP_ID : appId);
		config.setSecret(isBlank(secret) ? "simulator" : secret);
		config.setUseStableAccessToken(true);
		if (simulator != null) {
			String host = stripTrailingSlash(simulator);
			config.setHostConfig(new WxMpHostConfig(host, host, host));
		}
		WxMpService service = new WxMpServiceImpl();
		service.setWxMpConfigStorage(config);
		service.setMaxRetryTimes(1);
		try {
			service.getMenuService().menuCreate(json);
		}
		catch (WxErrorException ex) {
			this.err.println("WeChat refused the menu: errcode " + ex.getError().getErrorCode() + " ("
					+ ex.getError().getErrorMsg() + ")");
			return 1;
		}
		catch (RuntimeException ex) {
			// WxJava reports a network failure as an unchecked exception.
			this.err.println("Could not reach " + ((simulator != null) ? simulator : "WeChat's API") + ": " + ex.getMessage());
			return 1;
		}
		this.out.println("Published the menu to " + ((simulator != null) ? "the simulator at " + simulator
				: "WeChat for AppID " + appId) + "; WeChat clients show it within minutes");
		return 0;
	}

	private String secret() {
		String secret = this.env.get("WECHAT_APP_SECRET");
		String file = this.env.get("WECHAT_APP_SECRET_FILE");
		if (isBlank(secret) && !isBlank(file)) {
			try {
				return Files.readString(Path.of(file.trim()), StandardCharsets.UTF_8).trim();
			}
			catch (IOException ex) {
				this.err.println("Cannot read WECHAT_APP_SECRET_FILE " + file + " (" + ex.getClass().getSimpleName() + ")");
				return null;
			}
		}
		return secret;
	}

	private int usage(String problem) {
		this.err.println(problem);
		this.err.println("usage: menu check|publish [--file " + DEFAULT_FILE
				+ "] [--public-base-url https://host] [--knowledge knowledge] [--simulator URL]");
		return 2;
	}

	private static String stripTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}

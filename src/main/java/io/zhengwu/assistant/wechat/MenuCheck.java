package io.zhengwu.assistant.wechat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.zhengwu.assistant.conversation.MenuKeys;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a custom menu ({@code deploy/menu.json}, WeChat's {@code menu/create} JSON) against
 * WeChat's limits before it is sent, so an operator sees every problem at once, by location,
 * instead of WeChat's single error code. Limits from WeChat's custom-menu documentation: 1–3
 * top-level buttons, 1–5 sub-buttons each, names at most 16 (top level) and 60 (sub-button) bytes in
 * UTF-8 — a Chinese character or a Tibetan letter takes 3 — keys at most 128 bytes, URLs at most 1024.
 */
final class MenuCheck {

	static final int MAX_BUTTONS = 3;

	static final int MAX_SUB_BUTTONS = 5;

	static final int MAX_NAME_BYTES = 16;

	static final int MAX_SUB_NAME_BYTES = 60;

	static final int MAX_KEY_BYTES = 128;

	static final int MAX_URL_BYTES = 1024;

	/** What each button type needs besides its name. */
	private static final Map<String, List<String>> REQUIRED = Map.ofEntries(Map.entry("click", List.of("key")),
			Map.entry("view", List.of("url")), Map.entry("miniprogram", List.of("url", "appid", "pagepath")),
			Map.entry("scancode_push", List.of("key")), Map.entry("scancode_waitmsg", List.of("key")),
			Map.entry("pic_sysphoto", List.of("key")), Map.entry("pic_photo_or_album", List.of("key")),
			Map.entry("pic_weixin", List.of("key")), Map.entry("location_select", List.of("key")),
			Map.entry("media_id", List.of("media_id")), Map.entry("view_limited", List.of("media_id")),
			Map.entry("article_id", List.of("article_id")), Map.entry("article_view_limited", List.of("article_id")));

	private static final Set<String> LINK_FIELDS = Set.of("url");

	private MenuCheck() {
	}

	/**
	 * Every problem with a menu, each as {@code location: what is wrong}; empty when WeChat would
	 * accept it.
	 */
	static List<String> problems(String json) {
		List<String> problems = new ArrayList<>();
		JsonNode menu;
		try {
			menu = JsonMapper.builder().build().readTree(json);
		}
		catch (JacksonException ex) {
			problems.add("menu: not valid JSON (" + ex.getOriginalMessage() + ")");
			return problems;
		}
		JsonNode buttons = (menu != null) ? menu.get("button") : null;
		if (buttons == null || !buttons.isArray()) {
			problems.add("menu: needs a \"button\" array (WeChat's menu/create format)");
			return problems;
		}
		if (buttons.isEmpty() || buttons.size() > MAX_BUTTONS) {
			problems.add("button: has " + buttons.size() + " top-level buttons; WeChat allows 1 to " + MAX_BUTTONS);
		}
		for (int i = 0; i < buttons.size(); i++) {
			checkTopLevel(buttons.get(i), "button[" + i + "]", problems);
		}
		return problems;
	}

	/** The click keys the app answers, besides {@code GUIDE:<guide id>}. */
	static final List<String> APP_KEYS = List.of(MenuKeys.MENU_TOPICS, MenuKeys.MENU_LANG_ZH, MenuKeys.MENU_LANG_BO,
			MenuKeys.MENU_HUMAN);

	/**
	 * Click keys the app would not answer (a typo, or a guide that does not exist), each as
	 * {@code location: what is wrong}: WeChat accepts them, but the button would do nothing.
	 * Call on a menu without {@link #problems}.
	 */
	static List<String> unknownKeys(String json, Predicate<String> guideExists) {
		List<String> problems = new ArrayList<>();
		JsonNode buttons = JsonMapper.builder().build().readTree(json).get("button");
		for (int i = 0; i < buttons.size(); i++) {
			JsonNode button = buttons.get(i);
			JsonNode subs = button.get("sub_button");
			if (subs == null || subs.isEmpty()) {
				checkKey(button, "button[" + i + "]", guideExists, problems);
				continue;
			}
			for (int j = 0; j < subs.size(); j++) {
				checkKey(subs.get(j), "button[" + i + "].sub_button[" + j + "]", guideExists, problems);
			}
		}
		return problems;
	}

	private static void checkKey(JsonNode button, String at, Predicate<String> guideExists, List<String> problems) {
		String key = text(button, "key");
		if (!"click".equals(text(button, "type")) || key == null || APP_KEYS.contains(key)) {
			return;
		}
		if (key.startsWith(MenuKeys.MENU_GUIDE_PREFIX)) {
			String guide = key.substring(MenuKeys.MENU_GUIDE_PREFIX.length());
			if (!guideExists.test(guide)) {
				problems.add(at + ".key: \"" + key + "\" names no guide in the knowledge base");
			}
			return;
		}
		problems.add(at + ".key: \"" + key + "\" is not a key the app answers (" + String.join(", ", APP_KEYS) + ", "
				+ MenuKeys.MENU_GUIDE_PREFIX + "<guide id>)");
	}

	private static void checkTopLevel(JsonNode button, String at, List<String> problems) {
		checkName(button, at, MAX_NAME_BYTES, "top-level", problems);
		JsonNode subButtons = button.get("sub_button");
		if (subButtons == null || (subButtons.isArray() && subButtons.isEmpty())) {
			checkAction(button, at, problems);
			return;
		}
		if (!subButtons.isArray()) {
			problems.add(at + ".sub_button: must be an array");
			return;
		}
		if (subButtons.size() > MAX_SUB_BUTTONS) {
			problems.add(at + ".sub_button: has " + subButtons.size() + " sub-buttons; WeChat allows at most "
					+ MAX_SUB_BUTTONS);
		}
		for (int j = 0; j < subButtons.size(); j++) {
			JsonNode sub = subButtons.get(j);
			String subAt = at + ".sub_button[" + j + "]";
			checkName(sub, subAt, MAX_SUB_NAME_BYTES, "sub-button", problems);
			if (sub.has("sub_button") && !sub.get("sub_button").isEmpty()) {
				problems.add(subAt + ".sub_button: WeChat menus have only two levels");
			}
			checkAction(sub, subAt, problems);
		}
	}

	private static void checkName(JsonNode button, String at, int maxBytes, String level, List<String> problems) {
		String name = text(button, "name");
		if (name == null || name.isBlank()) {
			problems.add(at + ".name: missing; every button needs a name");
			return;
		}
		int bytes = utf8Length(name);
		if (bytes > maxBytes) {
			problems.add(at + ".name: \"" + name + "\" is " + bytes + " bytes in UTF-8; WeChat allows at most "
					+ maxBytes + " for a " + level + " name (a Chinese character or Tibetan letter takes 3)");
		}
	}

	private static void checkAction(JsonNode button, String at, List<String> problems) {
		String type = text(button, "type");
		if (type == null) {
			problems.add(at + ".type: missing; a button without sub-buttons needs a type (click, view, ...)");
			return;
		}
		List<String> required = REQUIRED.get(type);
		if (required == null) {
			problems.add(at + ".type: unknown type \"" + type + "\"; WeChat knows " + REQUIRED.keySet().stream().sorted().toList());
			return;
		}
		for (String field : required) {
			String value = text(button, field);
			if (value == null || value.isBlank()) {
				problems.add(at + "." + field + ": missing; a \"" + type + "\" button needs one");
			}
		}
		String key = text(button, "key");
		if (key != null && utf8Length(key) > MAX_KEY_BYTES) {
			problems.add(at + ".key: is " + utf8Length(key) + " bytes; WeChat allows at most " + MAX_KEY_BYTES);
		}
		for (String field : LINK_FIELDS) {
			String url = text(button, field);
			if (url == null || url.isBlank()) {
				continue;
			}
			if (utf8Length(url) > MAX_URL_BYTES) {
				problems.add(at + "." + field + ": is " + utf8Length(url) + " bytes; WeChat allows at most "
						+ MAX_URL_BYTES);
			}
			if (!url.startsWith("https://") && !url.startsWith("http://")) {
				problems.add(at + "." + field + ": \"" + url + "\" is not an http(s) address");
			}
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	static int utf8Length(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

}

package io.zhengwu.assistant.conversation;

/**
 * The {@code key} values of the official account's {@code click} menu items and what each does.
 * {@code deploy/menu.json} must use exactly these.
 */
public final class MenuKeys {

	/** Sends the list of topics the assistant can answer (reply {@code topics}). */
	public static final String MENU_TOPICS = "MENU_TOPICS";

	/** Switches the citizen's language to Chinese (中文) and confirms it. */
	public static final String MENU_LANG_ZH = "MENU_LANG_ZH";

	/** Switches the citizen's language to Tibetan (བོད་ཡིག) and confirms it. */
	public static final String MENU_LANG_BO = "MENU_LANG_BO";

	/** Hands the chat to the on-duty staff (talk to a person). */
	public static final String MENU_HUMAN = "MENU_HUMAN";

	/** Prefix of a key that answers with one guide: {@code GUIDE:<guide id>}. */
	public static final String MENU_GUIDE_PREFIX = "GUIDE:";

	private MenuKeys() {
	}

}

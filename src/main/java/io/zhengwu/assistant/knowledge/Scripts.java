package io.zhengwu.assistant.knowledge;

/**
 * Which script a text is written in, and the to-be-confirmed markers editors put where the center
 * has not yet confirmed a fact.
 */
final class Scripts {

	/** Marks an unconfirmed fact in a Chinese text. */
	static final String MARKER_ZH = "【待确认】";

	/** Marks an unconfirmed fact in a Tibetan text. */
	static final String MARKER_BO = "【གཏན་འཁེལ་མེད།】";

	private Scripts() {
	}

	static boolean isTibetan(int codePoint) {
		return codePoint >= 0x0F00 && codePoint <= 0x0FFF;
	}

	static boolean isHan(int codePoint) {
		return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
	}

	static String marker(Language language) {
		return (language == Language.BO) ? MARKER_BO : MARKER_ZH;
	}

	static boolean hasMarker(String text, Language language) {
		return text != null && text.contains(marker(language));
	}

	/**
	 * What is wrong with the script of a text in the given language, or null when nothing is. A
	 * Chinese text holds Han characters and no Tibetan; a Tibetan text holds Tibetan letters and no
	 * Han characters (the markers excepted). Digits, Latin letters and punctuation are fine in both.
	 * @param requireOwnScript whether the text must hold at least one letter of its own script
	 */
	static String problem(String text, Language language, boolean requireOwnScript) {
		String checked = text.replace(MARKER_ZH, (language == Language.ZH) ? "待" : "")
			.replace(MARKER_BO, (language == Language.BO) ? "ཀ" : "");
		int han = 0;
		int tibetan = 0;
		for (int i = 0; i < checked.length();) {
			int codePoint = checked.codePointAt(i);
			if (isTibetan(codePoint)) {
				tibetan++;
			}
			else if (isHan(codePoint)) {
				han++;
			}
			i += Character.charCount(codePoint);
		}
		if (language == Language.ZH) {
			if (tibetan > 0) {
				return "the Chinese (zh) text holds Tibetan letters";
			}
			if (requireOwnScript && han == 0) {
				return "the Chinese (zh) text holds no Chinese characters";
			}
		}
		else {
			if (han > 0) {
				return "the Tibetan (bo) text holds Chinese characters";
			}
			if (requireOwnScript && tibetan == 0) {
				return "the Tibetan (bo) text holds no Tibetan letters";
			}
		}
		return null;
	}

}

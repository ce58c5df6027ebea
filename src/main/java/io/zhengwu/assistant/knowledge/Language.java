package io.zhengwu.assistant.knowledge;

/**
 * The two languages of the service. A citizen is answered in the script they wrote in, unless
 * they set a preference.
 */
public enum Language {

	/** Simplified Chinese. */
	ZH("zh"),

	/** Tibetan (Unicode block U+0F00–U+0FFF). */
	BO("bo");

	private final String code;

	Language(String code) {
		this.code = code;
	}

	/** The ISO 639-1 code, as used in URLs ({@code ?lang=bo}) and in the knowledge files. */
	public String code() {
		return this.code;
	}

	/**
	 * The language a text is written in: Tibetan when it holds more Tibetan letters than Han
	 * characters, Chinese when it holds any Han character, else {@code fallback} (digits, emoji,
	 * Latin letters say nothing about the language).
	 */
	public static Language detect(CharSequence text, Language fallback) {
		int tibetan = 0;
		int han = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= '\u0F00' && c <= '\u0FFF') {
				tibetan++;
			}
			else if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
				han++;
			}
		}
		if (tibetan == 0 && han == 0) {
			return fallback;
		}
		return (tibetan > han) ? BO : ZH;
	}

	public static Language fromCode(String code) {
		for (Language language : values()) {
			if (language.code.equalsIgnoreCase(code)) {
				return language;
			}
		}
		throw new IllegalArgumentException("Unknown language code '" + code + "' (expected zh or bo)");
	}

}

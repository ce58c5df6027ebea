package io.zhengwu.assistant.knowledge;

/**
 * One text in both languages, as the knowledge files hold it.
 *
 * @param zh the Chinese text
 * @param bo the Tibetan text
 */
record Bilingual(String zh, String bo) {

	String in(Language language) {
		return (language == Language.BO) ? this.bo : this.zh;
	}

}

package io.zhengwu.assistant.conversation;

import java.util.List;

import io.zhengwu.assistant.knowledge.Language;

/**
 * What the dialogue remembers about one citizen between messages.
 *
 * @param language the language they chose (menu, or typing 中文 / བོད་ཡིག), null when they chose none
 * @param lastLanguage the language of their last question, for a message with no script ("1"), or null
 * @param choices the guide ids offered as numbered choices, waiting for a pick (empty when none)
 * @param notFoundInARow how many questions in a row found no answer
 */
record CitizenSession(Language language, Language lastLanguage, List<String> choices, int notFoundInARow) {

	static final CitizenSession NEW = new CitizenSession(null, null, List.of(), 0);

	CitizenSession {
		choices = List.copyOf(choices);
	}

	CitizenSession withLanguage(Language language) {
		return new CitizenSession(language, this.lastLanguage, this.choices, this.notFoundInARow);
	}

	CitizenSession spoke(Language language) {
		return new CitizenSession(this.language, language, this.choices, this.notFoundInARow);
	}

	CitizenSession withChoices(List<String> choices) {
		return new CitizenSession(this.language, this.lastLanguage, choices, 0);
	}

	/** After an answer: no pending choices, the not-found streak ends. */
	CitizenSession answered() {
		return new CitizenSession(this.language, this.lastLanguage, List.of(), 0);
	}

	CitizenSession notFound() {
		return new CitizenSession(this.language, this.lastLanguage, List.of(), this.notFoundInARow + 1);
	}

}

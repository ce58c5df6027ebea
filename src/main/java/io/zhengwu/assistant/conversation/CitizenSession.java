package io.zhengwu.assistant.conversation;

import java.util.List;
import java.util.Objects;

import io.zhengwu.assistant.knowledge.Language;

/**
 * What the dialogue remembers about one citizen between messages.
 *
 * @param language the language they chose (menu, or typing 中文 / བོད་ཡིག), null when they chose none
 * @param lastLanguage the language of their last question, for a message with no script ("1"), or null
 * @param choices the guide ids offered as numbered choices, waiting for a pick (empty when none)
 * @param notFoundInARow how many questions in a row found no answer
 * @param changed whether this differs from what is stored (unchanged sessions are not written again)
 */
record CitizenSession(Language language, Language lastLanguage, List<String> choices, int notFoundInARow,
		boolean changed) {

	static final CitizenSession NEW = new CitizenSession(null, null, List.of(), 0, false);

	CitizenSession {
		choices = List.copyOf(choices);
	}

	CitizenSession withLanguage(Language language) {
		return next(language, this.lastLanguage, this.choices, this.notFoundInARow);
	}

	CitizenSession spoke(Language language) {
		return next(this.language, language, this.choices, this.notFoundInARow);
	}

	CitizenSession withChoices(List<String> choices) {
		return next(this.language, this.lastLanguage, choices, 0);
	}

	/** After an answer: no pending choices, the not-found streak ends. */
	CitizenSession answered() {
		return next(this.language, this.lastLanguage, List.of(), 0);
	}

	CitizenSession notFound() {
		return next(this.language, this.lastLanguage, List.of(), this.notFoundInARow + 1);
	}

	private CitizenSession next(Language language, Language lastLanguage, List<String> choices, int notFound) {
		boolean differs = language != this.language || lastLanguage != this.lastLanguage
				|| !Objects.equals(choices, this.choices) || notFound != this.notFoundInARow;
		return new CitizenSession(language, lastLanguage, choices, notFound, this.changed || differs);
	}

}

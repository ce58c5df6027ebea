package io.zhengwu.assistant.conversation;

import java.util.List;

import io.zhengwu.assistant.knowledge.Language;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A session survives its round trip through Redis's string form, and knows when it changed. */
class CitizenSessionTest {

	@Test
	void aSessionReadsBackAsItWasWritten() {
		CitizenSession session = CitizenSession.NEW.withLanguage(Language.BO)
			.spoke(Language.ZH)
			.withChoices(List.of("id-card-first", "id-card-lost"));
		CitizenSession read = CitizenSessions.decode(CitizenSessions.encode(session));
		assertThat(read.language()).isEqualTo(Language.BO);
		assertThat(read.lastLanguage()).isEqualTo(Language.ZH);
		assertThat(read.choices()).containsExactly("id-card-first", "id-card-lost");
		assertThat(read.notFoundInARow()).isZero();
		assertThat(read.changed()).isFalse();
		assertThat(CitizenSessions.decode(CitizenSessions.encode(CitizenSession.NEW.notFound())).notFoundInARow())
			.isEqualTo(1);
	}

	@Test
	void anUnreadableSessionStartsAfresh() {
		assertThat(CitizenSessions.decode("garbage")).isEqualTo(CitizenSession.NEW);
	}

	@Test
	void onlyARealChangeMarksTheSessionForWriting() {
		CitizenSession stored = CitizenSessions.decode("|zh||0");
		assertThat(stored.spoke(Language.ZH).answered().changed()).isFalse();
		assertThat(stored.spoke(Language.BO).changed()).isTrue();
		assertThat(stored.notFound().answered().changed()).isTrue();
		assertThat(stored.withLanguage(Language.ZH).changed()).isTrue();
	}

}

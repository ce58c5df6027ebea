package io.zhengwu.assistant.handoff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zhengwu.assistant.knowledge.Language;

import static org.assertj.core.api.Assertions.assertThat;

class DutyRosterTest {

	@Test
	void aShiftEndingAt2400CoversTheLastSecondOfTheDayAndReadsAs2400(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("duty-roster.yaml");
		Files.writeString(file, """
				timezone: Asia/Shanghai
				officers:
				  night: {name: {zh: 夜班, bo: མཚན་མོ།}, openid: "oNight"}
				week:
				  monday: [{hours: "18:00-24:00", officers: [night]}]
				""");
		DutyRoster roster = new DutyRoster(file);
		roster.reloadIfChanged();
		ZoneId zone = ZoneId.of("Asia/Shanghai");
		assertThat(roster.officersOnDuty(ZonedDateTime.of(2026, 11, 30, 23, 59, 59, 0, zone).toInstant()))
			.containsExactly("night");
		assertThat(roster.officersOnDuty(ZonedDateTime.of(2026, 12, 1, 0, 0, 0, 0, zone).toInstant())).isEmpty();
		assertThat(roster.hoursText(Language.ZH)).isEqualTo("周一 18:00–24:00");
		assertThat(roster.openIdOf("night")).contains("oNight");
	}

}

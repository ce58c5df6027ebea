package io.zhengwu.assistant.handoff;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the hand-off to the duty officers.
 *
 * @param roster the duty roster file (officers, shifts, holidays)
 * @param contacts the contact directory, where the help window's phone is looked up
 * @param claimTimeout how long a queued chat may wait before the citizen is told nobody took it yet
 * @param minutesPerChat the expected handling time of one chat, for the wait told to the citizen
 * @param window how long after the citizen's last message WeChat accepts customer-service messages
 * @param quotaPerWindow how many customer-service messages WeChat accepts within one window
 * @param retention how long closed chats (transcripts, ratings, audit) are kept
 * @param sweepInterval how often time-outs and the retention clean-up are checked
 * @param sendAttempts how often a reply is tried on a network error before it waits for the citizen
 * @param officerTemplateId the WeChat template that tells an on-duty officer (with an openid in the
 * roster) of a new hand-off; empty: no template messages
 * @param officerNoticeQuiet at most one such notice per officer within this time
 * @param officerTemplateFields which template field carries which part of the notice
 * ({@link OfficerTemplateFields}); checked at start-up
 */
@Validated
@ConfigurationProperties("zhengwu.handoff")
record HandoffProperties(@NotNull @DefaultValue("knowledge/duty-roster.yaml") Path roster,
		@NotNull @DefaultValue("knowledge/contacts.yaml") Path contacts,
		@NotNull @DefaultValue("3m") Duration claimTimeout, @Min(1) @DefaultValue("5") int minutesPerChat,
		@NotNull @DefaultValue("48h") Duration window, @Min(1) @DefaultValue("5") int quotaPerWindow,
		@NotNull @DefaultValue("180d") Duration retention, @NotNull @DefaultValue("15s") Duration sweepInterval,
		@Min(1) @DefaultValue("3") int sendAttempts, @NotNull @DefaultValue("") String officerTemplateId,
		@NotNull @DefaultValue("5m") Duration officerNoticeQuiet,
		@NotNull @DefaultValue(OfficerTemplateFields.CLASSIC) String officerTemplateFields) {

	HandoffProperties {
		// a wrong mapping stops the start with the reason, not the first notice
		OfficerTemplateFields.parse(officerTemplateFields);
	}

	OfficerTemplateFields templateFields() {
		return OfficerTemplateFields.parse(this.officerTemplateFields);
	}

}

package io.zhengwu.assistant.conversation;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The dialogue's limits ({@code zhengwu.conversation.*}).
 *
 * @param rateLimitPerMinute how many messages a citizen may send in a minute before being asked
 * to slow down
 * @param sessionTtl how long a citizen's state (language preference, pending choices) is kept
 * after their last message
 */
@Validated
@ConfigurationProperties("zhengwu.conversation")
record ConversationProperties(@Min(1) @DefaultValue("20") int rateLimitPerMinute,
		@NotNull @DefaultValue("30d") Duration sessionTtl) {
}

package io.zhengwu.assistant.knowledge;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the knowledge base ({@code zhengwu.knowledge.*}).
 *
 * @param dir the knowledge folder ({@code KNOWLEDGE_DIR})
 * @param watchInterval how often the folder is checked for changed files (0 switches watching off)
 * @param unansweredRetention how long unanswered questions are kept for the editors
 */
@Validated
@ConfigurationProperties("zhengwu.knowledge")
record KnowledgeProperties(@NotNull @DefaultValue("knowledge") Path dir,
		@NotNull @DefaultValue("5s") Duration watchInterval, @NotNull @DefaultValue("90d") Duration unansweredRetention) {
}

package io.zhengwu.assistant.knowledge;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the knowledge base ({@code zhengwu.knowledge.*}).
 *
 * @param dir the knowledge folder ({@code KNOWLEDGE_DIR})
 * @param watchInterval how often the folder is checked for changed files (0 switches watching off)
 * @param unansweredRetention how long unanswered questions are kept for the editors
 * @param cachedQuestions how many recent questions' search results each instance keeps in memory
 * (the text only, for at most an hour; 0 searches every question)
 */
@Validated
@ConfigurationProperties("zhengwu.knowledge")
record KnowledgeProperties(@NotNull @DefaultValue("knowledge") Path dir,
		@NotNull @DefaultValue("5s") Duration watchInterval, @NotNull @DefaultValue("90d") Duration unansweredRetention,
		@PositiveOrZero @DefaultValue("10000") int cachedQuestions) {

	static final int CACHED_QUESTIONS = 10_000;

}

package io.zhengwu.assistant.knowledge;

import java.time.Instant;

/**
 * A question citizens asked that no guide answered.
 *
 * @param question the question (long digit runs masked)
 * @param language its language
 * @param count how many times it was asked within the retention period
 * @param lastAsked when it was last asked
 */
public record UnansweredQuestion(String question, Language language, long count, Instant lastAsked) {
}

package io.zhengwu.assistant.handoff;

/**
 * Something changed in the hand-off; the console reloads what it shows. Carries no citizen data.
 *
 * @param type {@code queued}, {@code message}, {@code claimed}, {@code released}, {@code transferred},
 * {@code reply}, {@code delivery}, {@code closed}, {@code rated}, {@code follow-up}, {@code presence}
 * @param chatId the chat concerned, or empty
 * @param officer the officer concerned (who has the chat, or who acted), or empty
 */
public record HandoffEvent(String type, String chatId, String officer) {

}

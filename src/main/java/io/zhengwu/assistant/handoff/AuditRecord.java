package io.zhengwu.assistant.handoff;

/**
 * One officer action, kept for the audit: who did what to which chat, and when.
 *
 * @param at when, in epoch milliseconds
 * @param who the officer's username
 * @param action what they did ({@code claim}, {@code reply}, {@code release}, {@code transfer},
 * {@code close}, {@code follow-up}, {@code availability}, ...)
 * @param chatId the chat, or empty
 * @param detail a short detail (the officer a chat went to, the outcome), never the citizen's words
 */
public record AuditRecord(long at, String who, String action, String chatId, String detail) {

}

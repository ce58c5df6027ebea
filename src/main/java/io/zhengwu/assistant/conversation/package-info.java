/**
 * Per-citizen state and language, the dialogue rules (answer, choose, hand off) and the per-citizen
 * rate limit. Public surface: {@link io.zhengwu.assistant.conversation.Conversation} (what the
 * webhook calls), {@link io.zhengwu.assistant.conversation.MenuKeys} (the menu's click keys) and
 * {@link io.zhengwu.assistant.conversation.OpenIds} (openids as logs may carry them).
 *
 * <p>Fixed replies used, from {@code knowledge/replies.yaml}: {@code welcome}, {@code topics},
 * {@code language_switched}, {@code not_found}, {@code rate_limited}, {@code handoff_unavailable},
 * {@code voice_needs_text}, {@code media_unsupported}.
 */
package io.zhengwu.assistant.conversation;

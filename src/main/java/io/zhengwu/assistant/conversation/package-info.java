/**
 * Per-citizen state and language, the dialogue rules (answer, choose, hand off) and the per-citizen rate limit.
 */
package io.zhengwu.assistant.conversation;

/**
 * Zhengwu Assistant. Packages by feature: {@code wechat} (webhook, crypto, outbound API),
 * {@code conversation} (dialogue rules per citizen), {@code knowledge} (guides, index, answers),
 * {@code handoff} (escalation to duty officers), {@code console} (officers' and editors' pages),
 * {@code simulator} (local stand-in for WeChat), {@code system} (Redis, security, errors, metrics).
 */
package io.zhengwu.assistant;

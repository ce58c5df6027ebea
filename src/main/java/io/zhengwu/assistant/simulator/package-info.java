/**
 * A local stand-in for WeChat, on when no real account is configured: a fake WeChat API and a citizen chat page.
 */
package io.zhengwu.assistant.simulator;

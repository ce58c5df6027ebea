package io.zhengwu.assistant.console;

/** The console asked for a chat that does not exist (any more): deleted, erased, or a wrong id. */
class ChatNotFoundException extends RuntimeException {

	ChatNotFoundException() {
		super("没有这个对话（可能已结束并删除）");
	}

}

package io.zhengwu.assistant.console;

/** The console asked for a chat that does not exist (any more): deleted, erased, or a wrong id. */
class ChatNotFoundException extends RuntimeException {

	ChatNotFoundException() {
		super("no such chat (it may have been closed and deleted)");
	}

}

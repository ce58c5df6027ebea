package io.zhengwu.assistant.console;

/** What an account may do in the console. */
enum Role {

	/** Takes chats handed over by the bot and answers citizens. */
	OFFICER,

	/** Looks after the knowledge base: reload, validation report, unanswered questions. */
	EDITOR,

	/** Manages accounts and reads the audit of officer actions. */
	ADMIN

}

package io.zhengwu.assistant.handoff;

/**
 * An officer action that does not fit the chat's state (not theirs, already closed, unknown). Its message
 * is shown to the officer as it is, so it is written in the console's language (Chinese).
 */
public class HandoffRefusedException extends RuntimeException {

	public HandoffRefusedException(String message) {
		super(message);
	}

}

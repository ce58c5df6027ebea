package io.zhengwu.assistant.handoff;

/** An officer action that does not fit the chat's state (not theirs, already closed, unknown). */
public class HandoffRefusedException extends RuntimeException {

	public HandoffRefusedException(String message) {
		super(message);
	}

}

package io.zhengwu.assistant.console;

/** An admin's change to an account that cannot be made (bad name, weak password, no role). */
class AccountRefusedException extends RuntimeException {

	AccountRefusedException(String message) {
		super(message);
	}

}

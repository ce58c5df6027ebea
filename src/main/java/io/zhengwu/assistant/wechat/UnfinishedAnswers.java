package io.zhengwu.assistant.wechat;

import io.zhengwu.assistant.system.UnfinishedWork;

import org.springframework.stereotype.Component;

/**
 * Work a webhook call leaves running when it returns, or that a dropped call must not stop: the
 * processing of a claimed message, and an answer that missed the reply budget and still has to go
 * out as a customer-service message. Shutdown waits for it ({@link UnfinishedWork}).
 */
@Component
class UnfinishedAnswers extends UnfinishedWork {

	UnfinishedAnswers() {
		super("answer(s) still to be sent");
	}

}

package io.zhengwu.assistant.handoff;

import io.zhengwu.assistant.system.UnfinishedWork;

/**
 * Hand-off work that must run to its end whether or not anybody still waits for it: an officer's
 * action (a claim, a reply, a close...) changes Redis, WeChat and the audit in several steps, and a
 * browser that goes away half-way (tab closed, network lost, an instance stopping closes the
 * connection) cancels the request's chain; the work must not stop with it, or a reply is sent to
 * the citizen but shown as {@code sending}, a chat is claimed without its audit and event, a
 * chat is ended without its goodbye. Shutdown waits for what is still running ({@link UnfinishedWork}).
 */
class UnfinishedActions extends UnfinishedWork {

	UnfinishedActions() {
		super("hand-off action(s) to finish");
	}

}

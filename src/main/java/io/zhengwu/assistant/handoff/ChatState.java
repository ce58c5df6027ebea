package io.zhengwu.assistant.handoff;

/** Where a handed-off chat stands. */
public enum ChatState {

	/** Waiting in the queue for an officer. */
	QUEUED,

	/** Claimed by an officer: the citizen's messages go to them. */
	WITH_OFFICER,

	/** Ended; the citizen is asked to rate it (their next message may be the rating). */
	RATING,

	/** Ended and rated, or the rating was skipped. */
	CLOSED

}

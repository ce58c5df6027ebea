package io.zhengwu.assistant.handoff;

/** Why a chat went to a person. */
public enum EscalationReason {

	/** The citizen asked for a person (人工, ལས་བྱེད་པ, or the menu key). */
	ASKED_FOR_PERSON,

	/** The bot found no answer twice in a row. */
	NOT_ANSWERED_TWICE,

	/** The citizen sent something only a person can handle (an image, or voice without text). */
	NEEDS_A_PERSON

}

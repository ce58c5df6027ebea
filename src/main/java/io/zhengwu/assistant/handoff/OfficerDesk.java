package io.zhengwu.assistant.handoff;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The hand-off as the officers' console sees it: the queue, an officer's chats, transcripts, and
 * every officer action. Each action is recorded in the audit with who and when. Actions on a chat
 * that is not (or no longer) the officer's fail with {@link HandoffRefusedException}.
 */
public interface OfficerDesk {

	/** Queued chats, next first. */
	Flux<ChatView> queue();

	/** The chats an officer has. */
	Flux<ChatView> chatsOf(String officer);

	/** Chats on the follow-up list (bad ratings, marked by an officer). */
	Flux<ChatView> followUps();

	/** Recently closed chats, newest first. */
	Flux<ChatView> recentlyClosed(int count);

	/** One chat, or empty when it does not exist (any more). */
	Mono<ChatView> chat(String chatId);

	/** A chat's transcript: the bot's answers before the hand-off, then the chat with the staff. */
	Flux<TranscriptEntry> transcript(String chatId);

	/** Claims a queued chat; {@code false} when another officer claimed it first. */
	Mono<Boolean> claim(String chatId, String officer);

	/** Puts a chat back into the queue at its old place. */
	Mono<Void> release(String chatId, String officer);

	/** Hands a chat the officer has to another officer. */
	Mono<Void> transfer(String chatId, String officer, String toOfficer);

	/**
	 * Sends an officer's reply to the citizen. The line is added to the transcript at once; its
	 * delivery (sent, waiting for the 48-hour window or the quota, failed and retried) shows in
	 * the transcript.
	 */
	Mono<TranscriptEntry> reply(String chatId, String officer, String text);

	/** Ends a chat with an outcome; the citizen is asked to rate it. */
	Mono<Void> close(String chatId, String officer, String outcome);

	/** Puts a chat on the follow-up list, saying why. */
	Mono<Void> markFollowUp(String chatId, String officer, String why);

	/** Takes a chat off the follow-up list (followed up). */
	Mono<Void> clearFollowUp(String chatId, String officer);

	/** Marks an officer available or away. */
	Mono<Void> setAvailable(String officer, boolean available);

	/** Who is on duty and available now, and the roster's state. */
	Mono<DeskStatus> status(String officer);

	/** The latest officer actions, newest first. */
	Flux<AuditRecord> auditLog(int count);

	/** Live changes, from all instances. */
	Flux<HandoffEvent> events();

}

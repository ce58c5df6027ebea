package io.zhengwu.assistant.handoff;

/**
 * A handed-off chat as the console shows it. The citizen appears only under a short pseudonym:
 * the console never sees the openid.
 *
 * @param id the chat's id
 * @param citizen a short pseudonym of the citizen (a hash of the openid)
 * @param language the citizen's language code ({@code zh} or {@code bo})
 * @param reason why the bot handed the chat over
 * @param state where the chat stands
 * @param officer the officer who has it, or empty
 * @param queuedAt when it was handed over (epoch ms)
 * @param position its place in the queue (1 = next), 0 when not queued
 * @param offHours whether it came in outside the duty hours
 * @param windowClosesAt when WeChat stops accepting replies (epoch ms), 0 when the window is closed
 * @param quotaLeft how many more replies WeChat accepts within the window
 * @param pendingReplies officer replies not yet delivered, waiting for the citizen to write again
 * @param outcome the outcome noted at closing, or empty
 * @param rating the citizen's rating ({@code good}, {@code fair}, {@code bad}) or empty
 * @param followUp why it is on the follow-up list, or empty
 */
public record ChatView(String id, String citizen, String language, String reason, ChatState state, String officer,
		long queuedAt, long position, boolean offHours, long windowClosesAt, int quotaLeft, int pendingReplies,
		String outcome, String rating, String followUp) {

}

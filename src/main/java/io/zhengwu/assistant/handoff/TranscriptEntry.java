package io.zhengwu.assistant.handoff;

import java.util.List;

/**
 * One line of a chat's transcript, as the console shows it.
 *
 * @param index the line's position in the transcript (its id within the chat)
 * @param at when, in epoch milliseconds
 * @param from {@code citizen}, {@code bot}, {@code officer} or {@code action} (an officer's or the
 * system's action, such as a claim)
 * @param who the officer's username for officer lines and actions, else empty
 * @param text what was said (for a bot line, the bot's answer; {@link #question()} the question)
 * @param question for a bot line, the citizen's question it answered
 * @param guides for a bot line, the guides the bot tried
 * @param delivery for an officer line, how its delivery stands ({@code sent}, {@code sending},
 * {@code waiting: ...}, {@code failed: ...}); else empty
 */
public record TranscriptEntry(int index, long at, String from, String who, String text, String question,
		List<String> guides, String delivery) {

	public TranscriptEntry {
		guides = (guides != null) ? List.copyOf(guides) : List.of();
		who = (who != null) ? who : "";
		question = (question != null) ? question : "";
		delivery = (delivery != null) ? delivery : "";
	}

	TranscriptEntry withIndexAndDelivery(int newIndex, String newDelivery) {
		return new TranscriptEntry(newIndex, this.at, this.from, this.who, this.text, this.question, this.guides,
				newDelivery);
	}

}

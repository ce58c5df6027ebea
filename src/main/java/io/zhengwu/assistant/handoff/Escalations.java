package io.zhengwu.assistant.handoff;

import java.util.List;

import io.zhengwu.assistant.knowledge.Language;
import reactor.core.publisher.Mono;

/**
 * Hand-off of a citizen's chat to the on-duty staff, as the dialogue sees it. Everything about
 * the hand-off state (queued, with an officer, waiting for a rating) lives behind this interface.
 */
public interface Escalations {

	/**
	 * Offers a citizen's message to the hand-off. If the citizen's chat is with the staff (queued,
	 * with an officer, or being asked for a rating) the message is taken here and the result is
	 * the text to reply now ({@code ""}: take it but reply nothing). An empty {@code Mono} means
	 * the chat is not handed off and the bot answers as usual.
	 */
	Mono<String> takeIfHandedOff(String openId, Language language, String text, String messageType);

	/**
	 * The citizen did something WeChat counts as an interaction that is no message for the
	 * hand-off (a menu click, following the account, switching the language): reopens the 48-hour
	 * window for customer-service messages, and officer answers that waited for it go out now.
	 * ({@link #takeIfHandedOff} does the same for a message.)
	 */
	Mono<Void> citizenActive(String openId, Language language);

	/**
	 * Hands the chat to the staff and returns what to tell the citizen (expected wait, or the
	 * off-hours notice).
	 */
	Mono<String> escalate(String openId, Language language, EscalationReason reason, String lastMessage);

	/**
	 * Records one exchange with the bot, so that an officer who takes the chat sees what the bot
	 * answered and which guides it tried. Kept only briefly unless the chat is handed off.
	 */
	Mono<Void> recordBotExchange(String openId, Language language, String question, String reply,
			List<String> guidesTried);

}

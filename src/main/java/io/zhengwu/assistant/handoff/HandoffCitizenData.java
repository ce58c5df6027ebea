package io.zhengwu.assistant.handoff;

import java.util.Set;

import io.zhengwu.assistant.system.CitizenData;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Erases the citizen's chats, transcripts, ratings, waiting answers and window when they
 * unsubscribe; the audit keeps the officers' actions on those chats without naming them.
 */
class HandoffCitizenData implements CitizenData {

	private final HandoffStore store;

	private final HandoffEvents events;

	HandoffCitizenData(HandoffStore store, HandoffEvents events) {
		this.store = store;
		this.events = events;
	}

	@Override
	public Mono<Void> erase(String openId) {
		// The audit first: erasing again after a failure finds the chats still listed.
		return this.store.chatsOfCitizen(openId)
			.collectList()
			.flatMapMany((chatIds) -> this.store.unnameInAudit(Set.copyOf(chatIds)).thenMany(Flux.fromIterable(chatIds)))
			.concatMap((chatId) -> this.store.chat(chatId)
				.flatMap((chat) -> chat.containsKey("officer")
						? this.store.forgetOfficerChat(chat.get("officer"), chatId) : Mono.empty())
				.then(this.store.deleteChat(chatId, openId))
				.then(this.events.publish("closed", chatId, "")))
			.then(this.store.deleteCitizenKeys(openId));
	}

}

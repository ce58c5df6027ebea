package io.zhengwu.assistant.handoff;

import io.zhengwu.assistant.system.CitizenData;
import reactor.core.publisher.Mono;

/** Erases the citizen's chats, transcripts, ratings, waiting answers and window when they unsubscribe. */
class HandoffCitizenData implements CitizenData {

	private final HandoffStore store;

	private final HandoffEvents events;

	HandoffCitizenData(HandoffStore store, HandoffEvents events) {
		this.store = store;
		this.events = events;
	}

	@Override
	public Mono<Void> erase(String openId) {
		return this.store.chatsOfCitizen(openId)
			.concatMap((chatId) -> this.store.chat(chatId)
				.flatMap((chat) -> chat.containsKey("officer")
						? this.store.forgetOfficerChat(chat.get("officer"), chatId) : Mono.empty())
				.then(this.store.deleteChat(chatId, openId))
				.then(this.events.publish("closed", chatId, "")))
			.then(this.store.deleteCitizenKeys(openId));
	}

}

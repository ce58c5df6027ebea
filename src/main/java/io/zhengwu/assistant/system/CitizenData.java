package io.zhengwu.assistant.system;

import reactor.core.publisher.Mono;

/**
 * A feature that stores something about a citizen. When the citizen unsubscribes, every bean of
 * this type is asked to erase all it holds about them: nothing about that openid may remain.
 */
public interface CitizenData {

	/** Erases everything this feature stores about the citizen. */
	Mono<Void> erase(String openId);

}

package io.zhengwu.assistant.knowledge;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the editors' console (and the conversation) may do with the knowledge base beyond
 * searching it: publish it again, see how the last attempt went, and learn which questions the
 * guides do not answer.
 */
public interface KnowledgeAdmin {

	/**
	 * Reads, checks and indexes the knowledge folder and swaps it in when it passes the checker;
	 * when it fails, the published knowledge base keeps answering and the report says why. Runs
	 * on {@code boundedElastic}; safe while questions are being answered.
	 */
	Mono<ReloadReport> reload();

	/** The last publication attempt (at start-up, after a file change, or by {@link #reload()}). */
	ReloadReport lastReload();

	/**
	 * Records a question the guides could not answer (outcome NONE), for the editors. Only the
	 * question and its language are kept (long digit runs, such as ID or phone numbers, masked),
	 * never who asked, and only for {@code zhengwu.knowledge.unanswered-retention}.
	 */
	Mono<Void> recordUnanswered(String question, Language language);

	/** The unanswered questions of one language, most often asked first. */
	Flux<UnansweredQuestion> unanswered(Language language, int limit);

	/** Forgets one unanswered question (e.g. once a guide answers it); emits whether it was there. */
	Mono<Boolean> dismissUnanswered(String question, Language language);

}

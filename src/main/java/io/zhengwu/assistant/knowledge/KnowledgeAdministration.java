package io.zhengwu.assistant.knowledge;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The {@link KnowledgeAdmin} of the running service. */
final class KnowledgeAdministration implements KnowledgeAdmin {

	private final PublishedKnowledge knowledge;

	private final UnansweredQuestions unanswered;

	KnowledgeAdministration(PublishedKnowledge knowledge, UnansweredQuestions unanswered) {
		this.knowledge = knowledge;
		this.unanswered = unanswered;
	}

	@Override
	public Mono<ReloadReport> reload() {
		return Mono.fromCallable(this.knowledge::publish).subscribeOn(Schedulers.boundedElastic());
	}

	@Override
	public ReloadReport lastReload() {
		return this.knowledge.lastReport();
	}

	@Override
	public Mono<Void> recordUnanswered(String question, Language language) {
		return this.unanswered.record(question, language);
	}

	@Override
	public Flux<UnansweredQuestion> unanswered(Language language, int limit) {
		return this.unanswered.list(language, limit);
	}

	@Override
	public Mono<Boolean> dismissUnanswered(String question, Language language) {
		return this.unanswered.dismiss(question, language);
	}

}

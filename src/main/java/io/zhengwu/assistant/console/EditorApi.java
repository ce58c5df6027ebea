package io.zhengwu.assistant.console;

import java.security.Principal;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.zhengwu.assistant.handoff.OfficerDesk;
import io.zhengwu.assistant.knowledge.KnowledgeAdmin;
import io.zhengwu.assistant.knowledge.Language;
import io.zhengwu.assistant.knowledge.ReloadReport;
import io.zhengwu.assistant.knowledge.UnansweredQuestion;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The editors' API: publish the knowledge folder again, read the last checker report, see the
 * questions the guides did not answer, and whether the duty roster file was accepted.
 */
@RestController
@RequestMapping("/console/api/editor")
class EditorApi {

	private static final Log log = LogFactory.getLog(EditorApi.class);

	private final KnowledgeAdmin knowledge;

	private final OfficerDesk desk;

	EditorApi(KnowledgeAdmin knowledge, OfficerDesk desk) {
		this.knowledge = knowledge;
		this.desk = desk;
	}

	@GetMapping("/knowledge")
	Mono<KnowledgeState> state(Principal editor) {
		return this.desk.status(editor.getName())
			.map((status) -> new KnowledgeState(this.knowledge.lastReload(), status.rosterError()));
	}

	@PostMapping("/knowledge/reload")
	Mono<ReloadReport> reload(Principal editor) {
		return this.knowledge.reload()
			.doOnNext((report) -> log.info("Knowledge reload by " + editor.getName() + ": " + report.summary()));
	}

	@GetMapping("/unanswered")
	Flux<UnansweredQuestion> unanswered(@RequestParam(defaultValue = "zh") String lang) {
		return this.knowledge.unanswered(Language.fromCode(lang), 100);
	}

	@PostMapping("/unanswered/dismiss")
	Mono<Boolean> dismiss(@RequestBody Dismiss dismiss) {
		return this.knowledge.dismissUnanswered(dismiss.question(), Language.fromCode(dismiss.lang()));
	}

	record KnowledgeState(ReloadReport last, String rosterError) {
	}

	record Dismiss(String question, String lang) {
	}

}

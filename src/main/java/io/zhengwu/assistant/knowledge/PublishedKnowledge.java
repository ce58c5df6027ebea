package io.zhengwu.assistant.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.lucene.store.AlreadyClosedException;

import io.zhengwu.assistant.knowledge.AnswerComposer.Choice;
import io.zhengwu.assistant.knowledge.GuideIndex.Candidate;
import io.zhengwu.assistant.knowledge.KnowledgeBase.HelpWindow;
import io.zhengwu.assistant.knowledge.SearchResult.Hit;

/**
 * The knowledge base that currently answers: the checked guides, their index and the fixed
 * replies, swapped as one unit when the folder is published again. Searches never wait for a
 * reload and never see half of one. The methods of {@link KnowledgeSearch} are implemented here and
 * offered to the other features through {@link KnowledgeAnswers}.
 */
final class PublishedKnowledge {

	private static final Log log = LogFactory.getLog(PublishedKnowledge.class);

	/** How many guides a search returns (the first three are offered as choices). */
	static final int HITS = 5;

	static final int CHOICES = 3;

	/** Replies sent in both languages at once. */
	static final java.util.Set<String> BILINGUAL_REPLIES = java.util.Set.of("welcome");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)\\}");

	private final Path dir;

	private final AnswerComposer composer;

	private final AtomicReference<Publication> current = new AtomicReference<>();

	private final int cachedQuestions;

	private volatile ReloadReport lastReport;

	PublishedKnowledge(Path dir, String publicBaseUrl) {
		this(dir, publicBaseUrl, KnowledgeProperties.CACHED_QUESTIONS);
	}

	/** @param cachedQuestions how many questions' search results to keep (0: search every time) */
	PublishedKnowledge(Path dir, String publicBaseUrl, int cachedQuestions) {
		this.dir = dir;
		this.composer = new AnswerComposer(publicBaseUrl);
		this.cachedQuestions = cachedQuestions;
	}

	/** What answers now, and what has been worked out from it. */
	record Publication(KnowledgeBase base, GuideIndex index, PublicationCache cache) {
	}

	Path dir() {
		return this.dir;
	}

	AnswerComposer composer() {
		return this.composer;
	}

	/**
	 * Reads, checks and indexes the folder, and swaps the result in when it passes the checker;
	 * otherwise the published knowledge base keeps answering.
	 */
	synchronized ReloadReport publish() {
		KnowledgeLoad load = KnowledgeReader.read(this.dir);
		ReloadReport report;
		if (!load.report().ok()) {
			report = new ReloadReport(Instant.now(), false, guideCount(), load.report(), null);
		}
		else {
			GuideIndex index = GuideIndex.build(load.base().guides().values(), load.base().synonyms());
			Publication previous = this.current.getAndSet(new Publication(load.base(), index, new PublicationCache(this.cachedQuestions)));
			closeLater(previous);
			report = new ReloadReport(Instant.now(), true, index.size(), load.report(), null);
		}
		this.lastReport = report;
		if (report.published()) {
			log.info("Knowledge base " + this.dir + ": " + report.summary());
		}
		else {
			log.error("Knowledge base " + this.dir + ": " + report.summary());
		}
		return report;
	}

	private static void closeLater(Publication previous) {
		if (previous == null) {
			return;
		}
		try {
			// searches holding a searcher keep it until they release it; new ones use the new index
			previous.index().close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	ReloadReport lastReport() {
		return this.lastReport;
	}

	private int guideCount() {
		Publication publication = this.current.get();
		return (publication != null) ? publication.index().size() : 0;
	}

	Publication publication() {
		Publication publication = this.current.get();
		if (publication == null) {
			throw new IllegalStateException("No knowledge base is published: " + this.dir);
		}
		return publication;
	}

	Optional<Guide> guide(String id) {
		return Optional.ofNullable(publication().base().guides().get(id));
	}

	SearchResult search(String question, Language language) {
		if (question == null || question.isBlank()) {
			return SearchResult.NOTHING;
		}
		for (int attempt = 0;; attempt++) {
			Publication publication = publication();
			try {
				GuideIndex index = publication.index();
				List<Candidate> candidates = publication.cache()
					.candidates(question.strip(), (asked) -> index.search(asked, HITS));
				return result(publication, candidates, language);
			}
			catch (AlreadyClosedException ex) {
				// a reload swapped the index between reading it and searching it: use the new one
				if (attempt >= 3) {
					throw ex;
				}
			}
		}
	}

	/** The result of {@link #search} if the question's candidates are cached, else empty. */
	Optional<SearchResult> rememberedResult(String question, Language language) {
		if (question == null || question.isBlank()) {
			return Optional.of(SearchResult.NOTHING);
		}
		Publication publication = publication();
		return publication.cache()
			.cachedCandidates(question.strip())
			.map((candidates) -> result(publication, candidates, language));
	}

	private static SearchResult result(Publication publication, List<Candidate> candidates, Language language) {
		List<Hit> hits = new ArrayList<>();
		for (Candidate candidate : candidates) {
			Guide guide = publication.base().guides().get(candidate.guideId());
			hits.add(new Hit(guide.id(), guide.title().in(language), candidate.relevance()));
		}
		return new SearchResult(Confidence.decide(candidates), hits);
	}

	Optional<String> answerText(String guideId, Language language) {
		Publication publication = publication();
		return Optional.ofNullable(publication.base().guides().get(guideId))
			.map((guide) -> publication.cache()
				.text("answer:" + guideId + ":" + language.code(), () -> this.composer.answer(guide, language)));
	}

	String choiceText(SearchResult result, Language language) {
		List<Choice> choices = result.hits()
			.stream()
			.limit(CHOICES)
			.map((hit) -> new Choice(hit.guideId(), guide(hit.guideId()).map((guide) -> guide.title().in(language))
				.orElse(hit.title())))
			.toList();
		return this.composer.choices(reply("choose_intro", language, Map.of()), choices);
	}

	Optional<String> smallTalkReply(String text, Language language) {
		if (text == null) {
			return Optional.empty();
		}
		return SmallTalk.classify(text).map((kind) -> reply(kind.replyKey(), language, Map.of()));
	}

	String reply(String key, Language language, Map<String, String> values) {
		Publication publication = publication();
		if (values.isEmpty()) {
			return publication.cache()
				.text("reply:" + key + ":" + language.code(), () -> fill(publication.base(), key, language, values));
		}
		return fill(publication.base(), key, language, values);
	}

	private static String fill(KnowledgeBase base, String key, Language language, Map<String, String> values) {
		Bilingual text = base.replies().get(key);
		if (text == null) {
			throw new IllegalArgumentException("No reply '" + key + "' in replies.yaml");
		}
		Map<String, String> all = new HashMap<>(helpValues(base.help(), language));
		all.putAll(values);
		String template = text.in(language);
		if (BILINGUAL_REPLIES.contains(key)) {
			// sent before the citizen has written anything: both languages, theirs (if known) first
			template = template + "\n\n" + text.in((language == Language.ZH) ? Language.BO : Language.ZH);
		}
		Matcher matcher = PLACEHOLDER.matcher(template);
		StringBuilder filled = new StringBuilder();
		while (matcher.find()) {
			String value = all.get(matcher.group(1));
			matcher.appendReplacement(filled, Matcher.quoteReplacement((value != null) ? value : matcher.group()));
		}
		matcher.appendTail(filled);
		return AnswerComposer.shown(filled.toString(), language);
	}

	private static Map<String, String> helpValues(HelpWindow help, Language language) {
		if (help == null) {
			return Map.of();
		}
		String phone = help.phone();
		if (phone.contains(Scripts.MARKER_ZH) || phone.contains(Scripts.MARKER_BO)) {
			phone = (language == Language.BO) ? "ད་དུང་གསལ་བསྒྲགས་བྱས་མེད།" : "暂未公布";
		}
		return Map.of("help_window", help.name().in(language), "help_phone", phone, "help_hours",
				help.hours().in(language));
	}

}

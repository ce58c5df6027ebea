package io.zhengwu.assistant.knowledge;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CachingTokenFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.SingleInstanceLockFactory;
import org.apache.lucene.util.QueryBuilder;

import io.zhengwu.assistant.knowledge.Guide.Material;

/**
 * The Lucene index of one published knowledge base, held in memory (the guides are small and
 * every instance builds its own from the files). One document per guide, keyed by a stable
 * {@code id} field and written with {@code updateDocument}, so indexing the same guide twice
 * leaves one document. Immutable once built: a reload builds a new one and swaps it in.
 *
 * <p>Besides Lucene's ranking it keeps, per guide, the set of coverage terms (Chinese bigrams,
 * Tibetan syllables, synonyms expanded): how much of a question the best guide covers, weighted
 * by how rare each term is, is what tells a clear answer from a guess.
 */
final class GuideIndex implements Closeable {

	static final String ID = "id";

	/** How many of Lucene's best are ranked again with the coverage measures. */
	static final int RERANKED = 10;

	/**
	 * How much each coverage measure (0 to 1) adds to Lucene's score relative to the best (also 0
	 * to 1). Chosen with the eval command: ranking the top ten again this way lifted top-1 on the
	 * regression and development sets from 0.86 to 0.92 (Chinese) and 0.91 to 0.97 (Tibetan).
	 */
	static final double COVERAGE_WEIGHT = 0.6;

	/**
	 * Words no guide has count double in the coverage measures: in "金星驾照" (a Venus driving
	 * licence) the unknown 金星 says the question is about something the guides do not cover.
	 */
	static final double UNKNOWN_WEIGHT = 2.0;

	/** Which parts of a guide are searched, and how much a match in each counts. */
	enum Part {

		TITLE("title", 3.0f), KEYWORDS("keywords", 2.0f), QUESTIONS("questions", 2.0f), BODY("body", 0.6f);

		final String name;

		final float boost;

		Part(String name, float boost) {
			this.name = name;
			this.boost = boost;
		}

	}

	private final SearcherManager searchers;

	private final Analyzer queryAnalyzer;

	private final Analyzer coverageAnalyzer = Analysis.indexAnalyzer();

	/** Per field kind: each guide's distinct terms (synonyms expanded). */
	private final Map<String, Map<String, Set<String>>> coverageTerms;

	/** Per word kind (Chinese words, Tibetan syllables): each guide's sample questions as term sets. */
	private final Map<String, Map<String, List<Set<String>>>> questionTerms;

	/** Per field kind: in how many guides each term occurs. */
	private final Map<String, Map<String, Integer>> documentFrequency;

	private final int size;

	private GuideIndex(SearcherManager searchers, Analyzer queryAnalyzer,
			Map<String, Map<String, Set<String>>> coverageTerms,
			Map<String, Map<String, List<Set<String>>>> questionTerms, int size) {
		this.searchers = searchers;
		this.questionTerms = questionTerms;
		this.queryAnalyzer = queryAnalyzer;
		this.coverageTerms = coverageTerms;
		this.size = size;
		this.documentFrequency = new HashMap<>();
		for (Map.Entry<String, Map<String, Set<String>>> entry : coverageTerms.entrySet()) {
			Map<String, Integer> frequency = new HashMap<>();
			for (Set<String> terms : entry.getValue().values()) {
				for (String term : terms) {
					frequency.merge(term, 1, Integer::sum);
				}
			}
			this.documentFrequency.put(entry.getKey(), frequency);
		}
	}

	static GuideIndex build(Collection<Guide> guides, Map<Language, List<KnowledgeBase.SynonymFile>> synonyms) {
		try {
			// Each file as one buffer: every term lookup clones the terms input, and a clone
			// duplicates every block of a file kept as many buffers.
			ByteBuffersDirectory directory = new ByteBuffersDirectory(new SingleInstanceLockFactory(),
					ByteBuffersDataOutput::new, ByteBuffersDirectory.OUTPUT_AS_ONE_BUFFER);
			IndexWriterConfig config = new IndexWriterConfig(Analysis.indexAnalyzer());
			config.setSimilarity(similarity());
			Analyzer queryAnalyzer = Analysis.queryAnalyzer(synonyms);
			Map<String, Map<String, Set<String>>> coverage = new HashMap<>();
			Map<String, Map<String, List<Set<String>>>> questions = new HashMap<>();
			try (IndexWriter writer = new IndexWriter(directory, config)) {
				for (Guide guide : guides) {
					writer.updateDocument(new Term(ID, guide.id()), document(guide));
					for (Language language : Language.values()) {
						for (String kind : Analysis.kinds(language)) {
							coverage.computeIfAbsent(kind, (key) -> new HashMap<>())
								.put(guide.id(), terms(queryAnalyzer, kind + ".all", allText(guide, language)));
						}
						String kind = coverageKind(language, true);
						questions.computeIfAbsent(kind, (key) -> new HashMap<>())
							.put(guide.id(), guide.questions()
								.in(language)
								.stream()
								.map((question) -> terms(queryAnalyzer, kind + ".questions", question))
								.toList());
					}
				}
				writer.commit();
			}
			SearcherManager searchers = new SearcherManager(directory, new SearcherFactory() {
				@Override
				public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
					// set once here, not per search: the searcher is shared by concurrent searches
					IndexSearcher searcher = new IndexSearcher(reader);
					searcher.setSimilarity(similarity());
					return searcher;
				}
			});
			return new GuideIndex(searchers, queryAnalyzer, coverage, questions, guides.size());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not build the in-memory index", ex);
		}
	}

	private static BM25Similarity similarity() {
		// guides differ a lot in length; a weak length normalisation keeps long guides findable
		return new BM25Similarity(1.2f, 0.3f);
	}

	private static String field(String kind, Part part) {
		return kind + "." + part.name;
	}

	/**
	 * How much of the question the guide's closest sample question covers, weighted by rarity (0
	 * to 1): a citizen asking what a sample question asks is the strongest evidence there is.
	 */
	double sampleQuestionCoverage(Map<String, Set<String>> asked, String guideId) {
		double total = 0;
		double covered = 0;
		for (Map.Entry<String, Set<String>> entry : asked.entrySet()) {
			String kind = entry.getKey();
			double best = 0;
			for (String term : entry.getValue()) {
				total += idf(kind, term);
			}
			for (Set<String> sample : this.questionTerms.get(kind).getOrDefault(guideId, List.of())) {
				double sum = 0;
				for (String term : entry.getValue()) {
					if (sample.contains(term)) {
						sum += idf(kind, term);
					}
				}
				best = Math.max(best, sum);
			}
			covered += best;
		}
		return (total == 0) ? 0 : covered / total;
	}

	/** The field kind whose terms measure coverage: Chinese words or bigrams, Tibetan syllables. */
	private static String coverageKind(Language language, boolean words) {
		if (language == Language.BO) {
			return Analysis.BO_SYLLABLES;
		}
		return words ? Analysis.ZH_WORDS : Analysis.ZH_BIGRAMS;
	}

	private static Document document(Guide guide) {
		Document document = new Document();
		// stored and not tokenized: the key of updateDocument and what a hit returns
		document.add(new StringField(ID, guide.id(), Field.Store.YES));
		for (Language language : Language.values()) {
			for (String kind : Analysis.kinds(language)) {
				// tokenized, not stored: the guide itself is kept in memory, not in the index
				document.add(new TextField(field(kind, Part.TITLE), guide.title().in(language), Field.Store.NO));
				for (String keyword : guide.keywords().in(language)) {
					document.add(new TextField(field(kind, Part.KEYWORDS), keyword, Field.Store.NO));
				}
				for (String question : guide.questions().in(language)) {
					document.add(new TextField(field(kind, Part.QUESTIONS), question, Field.Store.NO));
				}
				document.add(new TextField(field(kind, Part.BODY), body(guide, language), Field.Store.NO));
			}
		}
		return document;
	}

	/** What a guide is about, beyond title, keywords and questions. */
	private static String body(Guide guide, Language language) {
		StringBuilder text = new StringBuilder();
		text.append(guide.summary().in(language)).append('\n');
		text.append(guide.who().in(language)).append('\n');
		text.append(guide.department().in(language)).append('\n');
		for (Material material : guide.materials()) {
			text.append(material.name().in(language)).append('\n');
		}
		for (Bilingual step : guide.steps()) {
			text.append(step.in(language)).append('\n');
		}
		text.append(guide.window().in(language)).append('\n');
		text.append(guide.online().in(language)).append('\n');
		return text.toString();
	}

	private static String allText(Guide guide, Language language) {
		return guide.title().in(language) + "\n" + String.join("\n", guide.keywords().in(language)) + "\n"
				+ String.join("\n", guide.questions().in(language)) + "\n" + body(guide, language);
	}

	/**
	 * The question's terms that measure coverage: in the word kinds, without the words that ask
	 * but say nothing about the matter (you, what, where, can, need...), so that "where are you
	 * from?" matches nothing, however many guides say "where".
	 */
	private Set<String> questionTerms(String kind, String text) {
		Set<String> terms = terms(this.coverageAnalyzer, kind + ".all", text);
		if (!kind.equals(Analysis.ZH_BIGRAMS)) {
			terms.removeAll(Analysis.NON_TOPIC_WORDS);
		}
		terms.removeIf(Analysis::isNumber);
		return terms;
	}

	/** The distinct terms of a text, as the analyzer of the field makes them. */
	static Set<String> terms(Analyzer analyzer, String field, String text) {
		Set<String> terms = new LinkedHashSet<>();
		try (TokenStream stream = analyzer.tokenStream(field, text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				terms.add(term.toString());
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return terms;
	}

	int size() {
		return this.size;
	}

	/**
	 * The best guides for a question, best first. The question is routed by script: its Chinese
	 * part searches the Chinese fields, its Tibetan part the Tibetan fields (mixed text, both).
	 */
	List<Candidate> search(String question, int count) {
		Map<Language, String> parts = splitByScript(question);
		BooleanQuery.Builder query = new BooleanQuery.Builder();
		OnceAnalysed builder = new OnceAnalysed(this.queryAnalyzer);
		boolean any = false;
		for (Map.Entry<Language, String> part : parts.entrySet()) {
			for (String kind : Analysis.kinds(part.getKey())) {
				// all parts of a kind share its analyzer: analyse the question once, query every part
				try (CachingTokenFilter tokens = new CachingTokenFilter(
						this.queryAnalyzer.tokenStream(field(kind, Part.TITLE), part.getValue()))) {
					for (Part guidePart : Part.values()) {
						Query clause = builder.query(tokens, field(kind, guidePart));
						if (clause != null) {
							query.add(new BoostQuery(clause, guidePart.boost), BooleanClause.Occur.SHOULD);
							any = true;
						}
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}
		if (!any) {
			return List.of();
		}
		List<Candidate> candidates = new ArrayList<>();
		try {
			IndexSearcher searcher = this.searchers.acquire();
			try {
				TopDocs top = searcher.search(query.build(), Math.max(count, RERANKED));
				double best = (top.scoreDocs.length > 0) ? top.scoreDocs[0].score : 1;
				Map<String, Set<String>> textTerms = askedTerms(parts, false);
				Map<String, Set<String>> wordTerms = askedTerms(parts, true);
				for (ScoreDoc hit : top.scoreDocs) {
					String id = searcher.storedFields().document(hit.doc).get(ID);
					double coverage = coverage(textTerms, id);
					double wordCoverage = coverage(wordTerms, id);
					double questionCoverage = sampleQuestionCoverage(wordTerms, id);
					double relevance = hit.score / best
							+ COVERAGE_WEIGHT * (coverage + wordCoverage + questionCoverage);
					candidates.add(new Candidate(id, relevance, coverage, wordCoverage, questionCoverage));
				}
			}
			finally {
				this.searchers.release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		candidates.sort(Comparator.comparingDouble(Candidate::relevance).reversed());
		return List.copyOf(candidates.subList(0, Math.min(count, candidates.size())));
	}

	/** The question's coverage terms per field kind (analysed once per search). */
	private Map<String, Set<String>> askedTerms(Map<Language, String> parts, boolean words) {
		Map<String, Set<String>> terms = new HashMap<>();
		for (Map.Entry<Language, String> part : parts.entrySet()) {
			String kind = coverageKind(part.getKey(), words);
			terms.put(kind, questionTerms(kind, part.getValue()));
		}
		return terms;
	}

	/** The share of the question's coverage terms found in the guide, weighted by rarity (0 to 1). */
	double coverage(Map<String, Set<String>> asked, String guideId) {
		double total = 0;
		double covered = 0;
		for (Map.Entry<String, Set<String>> entry : asked.entrySet()) {
			String kind = entry.getKey();
			Set<String> guideTerms = this.coverageTerms.get(kind).getOrDefault(guideId, Set.of());
			for (String term : entry.getValue()) {
				double weight = idf(kind, term);
				total += weight;
				if (guideTerms.contains(term)) {
					covered += weight;
				}
			}
		}
		return (total == 0) ? 0 : covered / total;
	}

	private double idf(String kind, String term) {
		int frequency = this.documentFrequency.get(kind).getOrDefault(term, 0);
		double idf = Math.log(1 + (this.size - frequency + 0.5) / (frequency + 0.5));
		return (frequency == 0) ? UNKNOWN_WEIGHT * idf : idf;
	}

	/** The question's Chinese and Tibetan parts; digits and Latin letters go with the Chinese part. */
	static Map<Language, String> splitByScript(String question) {
		StringBuilder chinese = new StringBuilder();
		StringBuilder tibetan = new StringBuilder();
		int han = 0;
		int tibetanLetters = 0;
		for (int i = 0; i < question.length();) {
			int codePoint = question.codePointAt(i);
			if (Scripts.isTibetan(codePoint)) {
				tibetan.appendCodePoint(codePoint);
				chinese.append(' ');
				tibetanLetters++;
			}
			else {
				chinese.appendCodePoint(codePoint);
				tibetan.append(Character.isWhitespace(codePoint) ? ' ' : '་');
				if (Scripts.isHan(codePoint)) {
					han++;
				}
			}
			i += Character.charCount(codePoint);
		}
		Map<Language, String> parts = new EnumMap<>(Language.class);
		if (han > 0 || tibetanLetters == 0) {
			parts.put(Language.ZH, chinese.toString());
		}
		if (tibetanLetters > 0) {
			parts.put(Language.BO, tibetan.toString());
		}
		return parts;
	}

	/**
	 * Builds a field's query from tokens analysed once (replayed from a {@link CachingTokenFilter}),
	 * exactly as {@link QueryBuilder#createBooleanQuery(String, String, BooleanClause.Occur)} builds it
	 * from the text.
	 */
	private static final class OnceAnalysed extends QueryBuilder {

		OnceAnalysed(Analyzer analyzer) {
			super(analyzer);
		}

		Query query(CachingTokenFilter tokens, String field) {
			// QueryBuilder closes the stream it is given: give it a view that replays the cache
			return createFieldQuery(new TokenFilter(tokens) {
				@Override
				public boolean incrementToken() throws IOException {
					return this.input.incrementToken();
				}

				@Override
				public void close() {
				}
			}, BooleanClause.Occur.SHOULD, field, false, 0);
		}

	}

	@Override
	public void close() throws IOException {
		this.searchers.close();
		this.queryAnalyzer.close();
		this.coverageAnalyzer.close();
	}

	/**
	 * One guide that matched a question.
	 * @param guideId the guide
	 * @param relevance Lucene's score relative to the best hit's, plus the weighted coverages
	 * @param coverage the share of the question the guide covers (0 to 1), in Chinese bigrams or
	 * Tibetan syllables
	 * @param wordCoverage the same in Chinese words (Tibetan: syllables again)
	 * @param questionCoverage the share covered by the guide's closest sample question
	 */
	record Candidate(String guideId, double relevance, double coverage, double wordCoverage, double questionCoverage) {
	}

}

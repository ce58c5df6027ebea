package io.zhengwu.assistant.knowledge;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.bdrc.lucene.bo.TibetanAnalyzer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;

import io.zhengwu.assistant.knowledge.KnowledgeBase.SynonymFile;

/**
 * How text is cut into search terms, per language and field kind. Chinese is indexed twice: as
 * words (smartcn's HMM segmenter, good when citizens use the same words as the guide) and as
 * overlapping character bigrams (robust when segmentation differs, or for words the segmenter does
 * not know). Tibetan is indexed as syllables (lucene-bo), Unicode-normalised leniently, with the
 * affixed particles stripped so that རྒས་གསོའི matches རྒས་གསོ.
 *
 * <p>Synonyms apply at query time only, so editing a synonym list never needs re-indexing and the
 * index stays the plain text of the guides.
 */
final class Analysis {

	/** Field-name prefix of the Chinese word fields. */
	static final String ZH_WORDS = "zhw";

	/** Field-name prefix of the Chinese bigram fields. */
	static final String ZH_BIGRAMS = "zhb";

	/** Field-name prefix of the Tibetan syllable fields. */
	static final String BO_SYLLABLES = "bos";

	/**
	 * Words (smartcn) and syllables (lucene-bo, affixes stripped) that make a sentence a question
	 * but say nothing about its matter: pronouns, question words, modal verbs, copulas, question
	 * particles, and the names of the places the service is in or deals with (where, not what).
	 * They still help Lucene rank, but do not count as evidence that a guide answers.
	 */
	static final Set<String> NON_TOPIC_WORDS = withEndingsTakenOff(
			// Chinese
			"我", "你", "您", "他", "她", "我们", "你们", "咱们", "是", "谁", "的", "了", "吗", "呢", "吧", "啊", "呀", "么", "什么",
			"啥", "怎么", "怎么样", "怎样", "咋", "如何", "哪", "哪里", "哪儿", "哪个", "哪些", "多少", "几", "能", "能不能", "可以",
			"可不可以", "要", "需要", "想", "请问", "一下", "有", "没有", "没", "在", "会", "不", "就", "都", "和", "跟", "给", "让",
			"个", "这", "那", "这个", "那个", "还", "也", "又", "得", "着", "过",
			"今天", "明天", "昨天", "现在", "刚", "刚刚", "马上", "上午", "下午",
			"阿里", "拉萨", "西藏", "狮泉河", "成都", "四川", "新疆", "日喀则", "北京",
			// Tibetan syllables
			"ཁྱེད", "ཁྱོད", "ང", "ངས", "ཁོ", "ཁོང", "མོ", "ཚོ", "རང", "ག", "གང", "སུ", "ཅི", "ཇི", "ལྟར", "འདྲ", "ཡིན", "རེད",
			"འདུག", "ཡོད", "མེད", "ནས", "བམ", "གམ", "སམ", "ངམ", "དམ", "ནམ", "རམ", "འམ", "ཞིག", "ཤིག", "ཅིག", "ན", "ལ", "དགོས",
			"ཆོག", "ཐུབ", "ལགས", "རོགས", "སོང", "ཀྱི", "གི", "གྱི", "རེ", "ཟེར", "ཤོད", "མངའ", "རིས",
			// nominalisers that turn a verb into "the way to", "the matter of" (ཞུ་སྟངས, ཞུ་རྒྱུ),
			// the polite "please" (ཤོད་རོགས་གནང) and "already" (ཉོས་ཚར)
			"སྟངས", "རྒྱུ", "གནང", "ཚར");

	private Analysis() {
	}

	/**
	 * Whether a term is a number only (digits, Tibetan digits, Chinese numerals: 16, 十六, ༡༦): an
	 * age, a year or an amount in a question says nothing about which matter it is.
	 */
	static boolean isNumber(String term) {
		if (term.isEmpty()) {
			return false;
		}
		for (int i = 0; i < term.length(); i++) {
			char c = term.charAt(i);
			if (!Character.isDigit(c) && "零〇一二两三四五六七八九十百千万".indexOf(c) < 0) {
				return false;
			}
		}
		return true;
	}

	/** The words as given and, for Tibetan, as {@link CaseEndings} leaves them (དགོས: also དགོ). */
	private static Set<String> withEndingsTakenOff(String... words) {
		Set<String> all = new java.util.HashSet<>(List.of(words));
		for (String word : words) {
			all.add(CaseEndings.takenOff(word));
		}
		return Set.copyOf(all);
	}

	static Analyzer chineseWords() {
		return new Analyzer() {
			@Override
			protected TokenStreamComponents createComponents(String fieldName) {
				Tokenizer tokenizer = new HMMChineseTokenizer();
				TokenStream stream = new LowerCaseFilter(tokenizer);
				stream = new StopFilter(stream, SmartChineseAnalyzer.getDefaultStopSet());
				stream = new ClosedGaps(stream);
				return new TokenStreamComponents(tokenizer, stream);
			}
		};
	}

	static Analyzer chineseBigrams() {
		return new CJKAnalyzer(CharArraySet.EMPTY_SET);
	}

	static Analyzer tibetanSyllables() {
		try {
			// syllables (not words), affixed particles and pa/ba stripped, lenient normalisation,
			// the library's list of unambiguous particles as stop words; then the endings ར and ས
			return closingGaps(
					new TibetanAnalyzer(false, "affix-paba", "l", TibetanAnalyzer.INPUT_METHOD_UNICODE, "", null),
					CaseEndings::new);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("lucene-bo could not load its resources", ex);
		}
	}

	/**
	 * Removed stop words leave gaps in the token positions; synonym rules such as ཚབ་ཏུ་སྒྲུབ (whose
	 * particle ཏུ is a stop word) can only be matched without them. No phrase query is used, so
	 * nothing needs the gaps. {@code more} adds filters after that.
	 */
	private static Analyzer closingGaps(Analyzer base, UnaryOperator<TokenStream> more) {
		return new AnalyzerWrapper(base.getReuseStrategy()) {
			@Override
			protected Analyzer getWrappedAnalyzer(String fieldName) {
				return base;
			}

			@Override
			protected TokenStreamComponents wrapComponents(String fieldName, TokenStreamComponents components) {
				return new TokenStreamComponents(components.getSource(),
						more.apply(new ClosedGaps(components.getTokenStream())));
			}
		};
	}

	/** Sets every position increment above one to one. */
	static final class ClosedGaps extends TokenFilter {

		private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);

		ClosedGaps(TokenStream input) {
			super(input);
		}

		@Override
		public boolean incrementToken() throws IOException {
			if (!this.input.incrementToken()) {
				return false;
			}
			if (this.increment.getPositionIncrement() > 1) {
				this.increment.setPositionIncrement(1);
			}
			return true;
		}

	}

	/**
	 * Takes the case ending ར (to, into: སློབ་གྲྭར, ཞུ་རྒྱུར) or the past ending ས (ཉོས, bought)
	 * off a Tibetan syllable that ends in a vowel sign or a subjoined letter, so that these forms
	 * match the plain syllable of the guides (lucene-bo strips only the endings written with འ:
	 * འི, འོ, འམ). After a bare letter the ending is left alone: there ར and ས are as often part of
	 * the word (པར photo, ལས work). Applied alike to guides, questions and synonym lists, so a
	 * word whose own last letter is ར or ས (ཁྱེར, ཤེས) is shortened everywhere and still matches.
	 */
	static final class CaseEndings extends TokenFilter {

		/**
		 * Syllables of the guides whose ར or ས belongs to the word and which, shortened, would be
		 * taken for another word: དུས time (དུ, to), ཉེས offence (ཉེ, near), ཉེར twenty, ངོས
		 * recognise (ངོ, face), ཆེས in ཡིད་ཆེས credit (ཆེ, big), སྒོར yuan (སྒོ, door), ཚེས date
		 * (ཚེ, life), ཕྱིར out (ཕྱི, foreign), རིས in མངའ་རིས.
		 */
		private static final Set<String> WORDS = Set.of("དུས", "ཉེས", "ཉེར", "ངོས", "ཆེས", "སྒོར", "ཚེས", "ཕྱིར", "རིས");

		private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

		CaseEndings(TokenStream input) {
			super(input);
		}

		@Override
		public boolean incrementToken() throws IOException {
			if (!this.input.incrementToken()) {
				return false;
			}
			if (hasEnding(this.term)) {
				this.term.setLength(this.term.length() - 1);
			}
			return true;
		}

		/** The syllable without its ending ར or ས, or as it is when it has none. */
		static String takenOff(String syllable) {
			return hasEnding(syllable) ? syllable.substring(0, syllable.length() - 1) : syllable;
		}

		private static boolean hasEnding(CharSequence syllable) {
			int length = syllable.length();
			return length >= 3 && endsInCaseOrTense(syllable.charAt(length - 1))
					&& vowelOrSubjoined(syllable.charAt(length - 2)) && !WORDS.contains(syllable.toString());
		}

		private static boolean endsInCaseOrTense(char letter) {
			return letter == '\u0F62' || letter == '\u0F66';
		}

		private static boolean vowelOrSubjoined(char sign) {
			return (sign >= '\u0F71' && sign <= '\u0F7D') || (sign >= '\u0F80' && sign <= '\u0F81')
					|| (sign >= '\u0F8D' && sign <= '\u0FBC');
		}

	}

	/** The analyzer of a field kind (the field-name prefix before the first dot). */
	static Analyzer base(String kind) {
		return switch (kind) {
			case ZH_WORDS -> chineseWords();
			case ZH_BIGRAMS -> chineseBigrams();
			case BO_SYLLABLES -> tibetanSyllables();
			default -> throw new IllegalArgumentException("unknown field kind " + kind);
		};
	}

	static List<String> kinds(Language language) {
		return (language == Language.ZH) ? List.of(ZH_WORDS, ZH_BIGRAMS) : List.of(BO_SYLLABLES);
	}

	/** The index-time analyzer: every field analysed by its kind's analyzer, no synonyms. */
	static Analyzer indexAnalyzer() {
		return perKind(Map.of(ZH_WORDS, chineseWords(), ZH_BIGRAMS, chineseBigrams(), BO_SYLLABLES,
				tibetanSyllables()));
	}

	/** The query-time analyzer: as at index time, then the synonym rules of the field's language. */
	static Analyzer queryAnalyzer(Map<Language, List<SynonymFile>> synonyms) {
		return perKind(Map.of(ZH_WORDS, withSynonyms(chineseWords(), synonyms.get(Language.ZH)), ZH_BIGRAMS,
				withSynonyms(chineseBigrams(), synonyms.get(Language.ZH)), BO_SYLLABLES,
				withSynonyms(tibetanSyllables(), synonyms.get(Language.BO))));
	}

	private static Analyzer perKind(Map<String, Analyzer> byKind) {
		return new AnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
			@Override
			protected Analyzer getWrappedAnalyzer(String fieldName) {
				int dot = fieldName.indexOf('.');
				Analyzer analyzer = byKind.get((dot < 0) ? fieldName : fieldName.substring(0, dot));
				if (analyzer == null) {
					throw new IllegalArgumentException("no analyzer for field " + fieldName);
				}
				return analyzer;
			}
		};
	}

	private static Analyzer withSynonyms(Analyzer base, List<SynonymFile> files) {
		SynonymMap map = synonymMap(base, (files != null) ? files : List.of());
		if (map.fst == null) {
			return base;
		}
		return new AnalyzerWrapper(base.getReuseStrategy()) {
			@Override
			protected Analyzer getWrappedAnalyzer(String fieldName) {
				return base;
			}

			@Override
			protected TokenStreamComponents wrapComponents(String fieldName, TokenStreamComponents components) {
				return new TokenStreamComponents(components.getSource(),
						new SynonymGraphFilter(components.getTokenStream(), map, true));
			}
		};
	}

	private static SynonymMap synonymMap(Analyzer analyzer, List<SynonymFile> files) {
		try {
			SolrSynonymParser parser = new SolrSynonymParser(true, true, analyzer);
			for (SynonymFile file : files) {
				// each line alone: one bad line (already reported by the checker) must not drop the others
				for (String line : file.text().split("\n")) {
					if (line.isBlank() || line.strip().startsWith("#")) {
						continue;
					}
					try {
						SolrSynonymParser single = new SolrSynonymParser(true, true, analyzer);
						single.parse(new StringReader(line));
						parser.parse(new StringReader(line));
					}
					catch (ParseException | IllegalArgumentException ex) {
						// skipped: the checker reports it with its line number
					}
				}
			}
			return parser.build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * What is wrong with one line of a synonym file, or null when it parses with every analyzer of
	 * its language ({@link #base(String)} of each of {@link #kinds(Language)}).
	 */
	static String synonymLineProblem(String line, List<Analyzer> analyzers) {
		for (Analyzer analyzer : analyzers) {
			try {
				SolrSynonymParser parser = new SolrSynonymParser(true, true, analyzer);
				parser.parse(new StringReader(line));
				parser.build();
			}
			catch (ParseException ex) {
				Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
				return "not a valid synonym rule (words separated by commas, or a => b): " + cause.getMessage();
			}
			catch (IOException | IllegalArgumentException ex) {
				return "not a valid synonym rule: " + ex.getMessage();
			}
		}
		return null;
	}

}

package io.zhengwu.assistant.knowledge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.yaml.snakeyaml.nodes.Node;

import io.zhengwu.assistant.knowledge.Guide.Material;
import io.zhengwu.assistant.knowledge.Guide.Phrases;
import io.zhengwu.assistant.knowledge.KnowledgeBase.HelpWindow;
import io.zhengwu.assistant.knowledge.KnowledgeBase.SynonymFile;

/**
 * Reads and checks the knowledge folder: every rule of {@code knowledge/README.md}. The result
 * holds the knowledge base only when there is no error, so nothing that fails the checker can be
 * published.
 */
final class KnowledgeReader {

	static final List<String> REQUIRED_REPLIES = List.of("welcome", "not_found", "topics", "choose_intro",
			"greeting", "thanks", "rate_limited", "media_unsupported", "voice_needs_text", "language_switched",
			"handoff_unavailable");

	/** The words a citizen types to switch language, quoted in the replies of both languages. */
	static final List<String> LANGUAGE_SWITCH_WORDS = List.of("中文", "བོད་ཡིག");

	static final Set<String> FORMS = Set.of("original", "copy", "original-and-copy", "electronic");

	static final int MIN_QUESTIONS = 3;

	static final int MAX_SUMMARY_ZH = 80;

	private static final List<String> GUIDE_FIELDS = List.of("id", "domain", "last_reviewed", "department", "title",
			"summary", "who", "materials", "steps", "time_limit", "fee", "where", "when", "online", "contact",
			"legal_basis", "related", "questions", "keywords");

	private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)\\}");

	private final Path dir;

	private final String prefix;

	private final List<Problem> errors = new ArrayList<>();

	private final List<Problem> warnings = new ArrayList<>();

	private final List<Problem> toBeConfirmed = new ArrayList<>();

	private KnowledgeReader(Path dir) {
		this.dir = dir;
		Path name = dir.getFileName();
		this.prefix = (name != null) ? name.toString() + "/" : "";
	}

	/**
	 * Reads and checks the folder.
	 * @param dir the knowledge folder
	 */
	static KnowledgeLoad read(Path dir) {
		return new KnowledgeReader(dir).readAll();
	}

	private KnowledgeLoad readAll() {
		if (!Files.isDirectory(this.dir)) {
			this.errors.add(new Problem(this.dir.toString(), 0, "the knowledge folder does not exist"));
			return result(null);
		}
		Map<String, String> catalogue = readCatalogue();
		Map<String, Guide> guides = readGuides(catalogue);
		checkRelated(guides, catalogue);
		for (String id : catalogue.keySet()) {
			if (!guides.containsKey(id)) {
				this.warnings.add(new Problem(this.prefix + "guides/" + id + ".yaml", 0,
						"the catalogue lists this guide but it is not written yet"));
			}
		}
		for (Guide guide : guides.values()) {
			for (Language language : Language.values()) {
				AnswerComposer.Fit fit = AnswerComposer.fit(guide, language);
				if (fit == AnswerComposer.Fit.TOO_LONG) {
					this.errors.add(new Problem(guideFile(guide.id()), 1, "the short answer in " + language.code()
							+ " does not fit in one WeChat message (2,048 bytes), even with each fact cut to its first sentence: shorten the materials' names, where, or the first sentences of time_limit, fee, when, online"));
				}
				else if (fit == AnswerComposer.Fit.SHORTENED) {
					this.warnings.add(new Problem(guideFile(guide.id()), 1, "the short answer in " + language.code()
							+ " is too long for one WeChat message, so it is sent with each fact cut to its first sentence (the page has the rest)"));
				}
			}
		}
		Map<Language, List<SynonymFile>> synonyms = readSynonyms();
		Map<String, Bilingual> replies = readReplies();
		HelpWindow help = readContacts();
		readEval(guides, catalogue);
		return result(new KnowledgeBase(guides, synonyms, replies, help));
	}

	private KnowledgeLoad result(KnowledgeBase base) {
		ValidationReport report = new ValidationReport(this.errors, this.warnings, this.toBeConfirmed);
		return new KnowledgeLoad(report.ok() ? base : null, report);
	}

	private String guideFile(String id) {
		return this.prefix + "guides/" + id + ".yaml";
	}

	private Map<String, String> readCatalogue() {
		Path file = this.dir.resolve("catalogue.tsv");
		String name = this.prefix + "catalogue.tsv";
		Map<String, String> domains = new LinkedHashMap<>();
		if (!Files.isRegularFile(file)) {
			this.errors.add(new Problem(name, 0, "the catalogue of guides is missing"));
			return domains;
		}
		List<String> lines = readLines(file, name);
		for (int i = 1; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isBlank()) {
				continue;
			}
			String[] columns = line.split("\t");
			if (columns.length < 2 || !ID.matcher(columns[0]).matches()) {
				this.errors.add(new Problem(name, i + 1, "expected: id<TAB>domain<TAB>..."));
				continue;
			}
			if (domains.put(columns[0], columns[1]) != null) {
				this.errors.add(new Problem(name, i + 1, "id '" + columns[0] + "' is listed twice"));
			}
		}
		return domains;
	}

	private List<String> readLines(Path file, String name) {
		try {
			return Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			this.errors.add(new Problem(name, 0, "cannot be read: " + ex.getMessage()));
			return List.of();
		}
	}

	private List<Path> files(String subdir, String glob) {
		Path folder = this.dir.resolve(subdir);
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> paths = Files.list(folder)) {
			return paths.filter((path) -> path.getFileSystem().getPathMatcher("glob:" + glob)
				.matches(path.getFileName()) && Files.isRegularFile(path)).sorted().toList();
		}
		catch (IOException ex) {
			this.errors.add(new Problem(this.prefix + subdir, 0, "cannot be listed: " + ex.getMessage()));
			return List.of();
		}
	}

	private Map<String, Guide> readGuides(Map<String, String> catalogue) {
		Map<String, Guide> guides = new TreeMap<>();
		List<Path> paths = files("guides", "*.{yaml,yml}");
		if (paths.isEmpty()) {
			this.errors.add(new Problem(this.prefix + "guides", 0, "there is no guide"));
		}
		for (Path path : paths) {
			String name = this.prefix + "guides/" + path.getFileName();
			Node root = YamlFile.read(path, name, this.errors);
			if (root == null) {
				continue;
			}
			String fileId = path.getFileName().toString().replaceFirst("\\.ya?ml$", "");
			Guide guide = new GuideParser(YamlFile.reporting(name, this.errors), this.toBeConfirmed)
				.parse(root, fileId, catalogue);
			if (guide != null) {
				guides.put(guide.id(), guide);
			}
		}
		return guides;
	}

	private void checkRelated(Map<String, Guide> guides, Map<String, String> catalogue) {
		for (Guide guide : guides.values()) {
			for (String related : guide.related()) {
				if (related.equals(guide.id())) {
					this.errors.add(new Problem(guideFile(guide.id()), 0, "related lists the guide itself"));
				}
				else if (!guides.containsKey(related) && !catalogue.containsKey(related)) {
					this.errors.add(new Problem(guideFile(guide.id()), 0,
							"related guide '" + related + "' does not exist and is not in the catalogue"));
				}
				else if (!guides.containsKey(related)) {
					this.warnings.add(new Problem(guideFile(guide.id()), 0,
							"related guide '" + related + "' is not written yet"));
				}
			}
		}
	}

	private Map<Language, List<SynonymFile>> readSynonyms() {
		Map<Language, List<SynonymFile>> synonyms = new EnumMap<>(Language.class);
		for (Language language : Language.values()) {
			List<Analyzer> analyzers = Analysis.kinds(language).stream().map(Analysis::base).toList();
			List<SynonymFile> files = new ArrayList<>();
			for (Path path : files("synonyms", language.code() + "*.txt")) {
				String name = this.prefix + "synonyms/" + path.getFileName();
				List<String> lines = readLines(path, name);
				for (int i = 0; i < lines.size(); i++) {
					String line = lines.get(i).strip();
					if (line.isEmpty() || line.startsWith("#")) {
						continue;
					}
					String problem = Scripts.problem(line, language, false);
					if (problem != null) {
						this.errors.add(new Problem(name, i + 1, problem));
					}
					String invalid = Analysis.synonymLineProblem(line, analyzers);
					if (invalid != null) {
						this.errors.add(new Problem(name, i + 1, invalid));
					}
				}
				files.add(new SynonymFile(name, String.join("\n", lines)));
			}
			synonyms.put(language, files);
			analyzers.forEach(Analyzer::close);
		}
		return synonyms;
	}

	private Map<String, Bilingual> readReplies() {
		Path path = this.dir.resolve("replies.yaml");
		String name = this.prefix + "replies.yaml";
		Map<String, Bilingual> replies = new LinkedHashMap<>();
		if (!Files.isRegularFile(path)) {
			this.errors.add(new Problem(name, 0, "the fixed replies are missing"));
			return replies;
		}
		Node root = YamlFile.read(path, name, this.errors);
		if (root == null) {
			return replies;
		}
		YamlFile yaml = YamlFile.reporting(name, this.errors);
		GuideParser texts = new GuideParser(yaml, this.toBeConfirmed, LANGUAGE_SWITCH_WORDS);
		Map<String, Node> entries = yaml.mapping(root, "replies.yaml");
		if (entries == null) {
			return replies;
		}
		for (Map.Entry<String, Node> entry : entries.entrySet()) {
			Bilingual text = texts.bilingual(entry.getValue(), entry.getKey(), root, true);
			if (text == null) {
				continue;
			}
			if (!placeholders(text.zh()).equals(placeholders(text.bo()))) {
				yaml.error(entry.getValue(), "reply '" + entry.getKey()
						+ "' uses different {placeholders} in zh and bo: " + placeholders(text.zh()) + " and "
						+ placeholders(text.bo()));
			}
			replies.put(entry.getKey(), text);
		}
		for (String key : REQUIRED_REPLIES) {
			if (!entries.containsKey(key)) {
				yaml.error(root, "the reply '" + key + "' is missing");
			}
		}
		return replies;
	}

	private static Set<String> placeholders(String text) {
		Set<String> names = new java.util.TreeSet<>();
		Matcher matcher = PLACEHOLDER.matcher(text);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	private HelpWindow readContacts() {
		Path path = this.dir.resolve("contacts.yaml");
		String name = this.prefix + "contacts.yaml";
		if (!Files.isRegularFile(path)) {
			this.warnings.add(new Problem(name, 0, "the contact directory is missing"));
			return null;
		}
		Node root = YamlFile.read(path, name, this.errors);
		if (root == null) {
			return null;
		}
		YamlFile yaml = YamlFile.reporting(name, this.errors);
		Map<String, Node> entries = yaml.mapping(root, "contacts.yaml");
		if (entries == null) {
			return null;
		}
		Node helpNode = entries.get("help_window");
		Map<String, Node> help = (helpNode != null) ? yaml.mapping(helpNode, "help_window") : null;
		if (help == null) {
			yaml.error(root, "help_window (name, phone, hours) is missing");
			return null;
		}
		GuideParser texts = new GuideParser(yaml, this.toBeConfirmed);
		Bilingual windowName = texts.bilingual(help.get("name"), "help_window.name", helpNode, true);
		String phone = yaml.text(help.get("phone"), "help_window.phone", helpNode);
		Bilingual hours = texts.bilingual(help.get("hours"), "help_window.hours", helpNode, true);
		if (windowName == null || phone == null || hours == null) {
			return null;
		}
		return new HelpWindow(windowName, phone, hours);
	}

	private void readEval(Map<String, Guide> guides, Map<String, String> catalogue) {
		for (Path path : files("eval", "*.tsv")) {
			String name = this.prefix + "eval/" + path.getFileName();
			List<String> lines = readLines(path, name);
			for (int i = 1; i < lines.size(); i++) {
				String line = lines.get(i);
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] columns = line.split("\t");
				if (columns.length != 2 || columns[0].isBlank()) {
					this.errors.add(new Problem(name, i + 1, "expected: question<TAB>expected guide id (or -)"));
					continue;
				}
				if (columns[1].strip().equals("-")) {
					continue;
				}
				for (String id : columns[1].strip().split("\\|")) {
					if (!catalogue.containsKey(id) && !guides.containsKey(id)) {
						this.errors.add(new Problem(name, i + 1, "guide '" + id + "' does not exist"));
					}
				}
			}
		}
	}

	/** Reads one guide's node tree into a {@link Guide}, reporting every problem with its line. */
	static final class GuideParser {

		private final YamlFile yaml;

		private final List<Problem> toBeConfirmed;

		private final List<String> exempt;

		GuideParser(YamlFile yaml, List<Problem> toBeConfirmed) {
			this(yaml, toBeConfirmed, List.of());
		}

		/** @param exempt words allowed in the other language's text (the language-switch words) */
		GuideParser(YamlFile yaml, List<Problem> toBeConfirmed, List<String> exempt) {
			this.yaml = yaml;
			this.toBeConfirmed = toBeConfirmed;
			this.exempt = exempt;
		}

		Guide parse(Node root, String fileId, Map<String, String> catalogue) {
			Map<String, Node> fields = this.yaml.mapping(root, "the guide");
			if (fields == null) {
				return null;
			}
			this.yaml.onlyKeys(fields, GUIDE_FIELDS, "the guide", root);
			String id = this.yaml.text(fields.get("id"), "id", root);
			if (id != null && !id.equals(fileId)) {
				this.yaml.error(fields.get("id"), "id '" + id + "' does not match the file name '" + fileId + ".yaml'");
			}
			if (id != null && !catalogue.isEmpty() && !catalogue.containsKey(id)) {
				this.yaml.error(fields.get("id"), "id '" + id + "' is not in the catalogue (catalogue.tsv)");
			}
			String domain = this.yaml.text(fields.get("domain"), "domain", root);
			if (id != null && domain != null && catalogue.containsKey(id) && !catalogue.get(id).equals(domain)) {
				this.yaml.error(fields.get("domain"),
						"domain '" + domain + "' differs from the catalogue's '" + catalogue.get(id) + "'");
			}
			LocalDate reviewed = date(fields.get("last_reviewed"), root);
			Bilingual department = bilingual(fields.get("department"), "department", root, true);
			Bilingual title = bilingual(fields.get("title"), "title", root, true);
			Bilingual summary = bilingual(fields.get("summary"), "summary", root, true);
			if (summary != null && summary.zh().codePointCount(0, summary.zh().length()) > MAX_SUMMARY_ZH) {
				this.yaml.error(fields.get("summary"), "the Chinese summary is longer than " + MAX_SUMMARY_ZH + " characters");
			}
			Bilingual who = bilingual(fields.get("who"), "who", root, true);
			List<Material> materials = materials(fields.get("materials"), root);
			List<Bilingual> steps = steps(fields.get("steps"), root);
			Bilingual timeLimit = bilingual(fields.get("time_limit"), "time_limit", root, true);
			Bilingual fee = bilingual(fields.get("fee"), "fee", root, true);
			Map<String, Node> where = isPresent(fields.get("where"), "where", root)
					? this.yaml.mapping(fields.get("where"), "where") : null;
			Bilingual window = null;
			Bilingual address = null;
			if (where != null) {
				this.yaml.onlyKeys(where, List.of("window", "address"), "where", fields.get("where"));
				window = bilingual(where.get("window"), "where.window", fields.get("where"), true);
				address = bilingual(where.get("address"), "where.address", fields.get("where"), true);
			}
			Bilingual when = bilingual(fields.get("when"), "when", root, true);
			Bilingual online = bilingual(fields.get("online"), "online", root, true);
			Bilingual contact = bilingual(fields.get("contact"), "contact", root, true);
			Bilingual legalBasis = bilingual(fields.get("legal_basis"), "legal_basis", root, false);
			List<String> related = related(fields.get("related"), root);
			Phrases questions = phrases(fields.get("questions"), "questions", root, MIN_QUESTIONS);
			Phrases keywords = phrases(fields.get("keywords"), "keywords", root, 1);
			if (id == null || domain == null || reviewed == null || department == null || title == null
					|| summary == null || who == null || materials == null || steps == null || timeLimit == null
					|| fee == null || window == null || address == null || when == null || online == null
					|| contact == null || related == null || questions == null || keywords == null) {
				return null;
			}
			return new Guide(id, domain, reviewed, department, title, summary, who, materials, steps, timeLimit, fee,
					window, address, when, online, contact, legalBasis, related, questions, keywords);
		}

		private boolean isPresent(Node node, String what, Node owner) {
			if (YamlFile.isNull(node)) {
				this.yaml.error((node != null) ? node : owner, what + " is missing");
				return false;
			}
			return true;
		}

		private LocalDate date(Node node, Node owner) {
			String text = this.yaml.text(node, "last_reviewed", owner);
			if (text == null) {
				return null;
			}
			try {
				return LocalDate.parse(text);
			}
			catch (DateTimeParseException ex) {
				this.yaml.error(node, "last_reviewed '" + text + "' is not a date like 2026-11-28");
				return null;
			}
		}

		/** A {zh, bo} text; both languages required when the field is. */
		Bilingual bilingual(Node node, String what, Node owner, boolean required) {
			if (YamlFile.isNull(node)) {
				if (required) {
					this.yaml.error((node != null) ? node : owner, what + " is missing (needs zh and bo)");
				}
				return null;
			}
			Map<String, Node> texts = this.yaml.mapping(node, what);
			if (texts == null) {
				return null;
			}
			this.yaml.onlyKeys(texts, List.of("zh", "bo"), what, node);
			String zh = languageText(texts.get("zh"), what, Language.ZH, node);
			String bo = languageText(texts.get("bo"), what, Language.BO, node);
			if (zh == null || bo == null) {
				return null;
			}
			boolean markedZh = Scripts.hasMarker(zh, Language.ZH);
			boolean markedBo = Scripts.hasMarker(bo, Language.BO);
			if (markedZh != markedBo) {
				this.yaml.error(node, what + " is marked to be confirmed in " + (markedZh ? "zh" : "bo")
						+ " only; mark it in both languages");
			}
			if (markedZh || markedBo) {
				this.toBeConfirmed.add(new Problem(this.yaml.name(), YamlFile.line(node), what + ": " + zh));
			}
			return new Bilingual(zh, bo);
		}

		private String languageText(Node node, String what, Language language, Node owner) {
			String text = this.yaml.text(node, what + "." + language.code(), owner);
			if (text == null) {
				return null;
			}
			String checked = text;
			for (String word : this.exempt) {
				checked = checked.replace(word, " ");
			}
			String problem = Scripts.problem(checked, language, true);
			if (problem != null) {
				this.yaml.error(node, what + ": " + problem);
			}
			return text;
		}

		private List<Material> materials(Node node, Node owner) {
			List<Node> items = this.yaml.sequence(node, "materials", owner);
			if (items == null) {
				return null;
			}
			if (items.isEmpty()) {
				this.yaml.error(node, "materials is empty (list at least one document, or what to bring)");
			}
			List<Material> materials = new ArrayList<>();
			boolean complete = true;
			for (Node item : items) {
				Map<String, Node> fields = this.yaml.mapping(item, "a material");
				if (fields == null) {
					complete = false;
					continue;
				}
				this.yaml.onlyKeys(fields, List.of("name", "form", "count", "note"), "a material", item);
				Bilingual name = bilingual(fields.get("name"), "material name", item, true);
				String form = this.yaml.text(fields.get("form"), "material form", item);
				if (form != null && !FORMS.contains(form)) {
					this.yaml.error(fields.get("form"),
							"material form '" + form + "' is not one of original, copy, original-and-copy, electronic");
					form = null;
				}
				Integer count = count(fields.get("count"), item);
				Bilingual note = bilingual(fields.get("note"), "material note", item, false);
				if (name == null || form == null || count == null) {
					complete = false;
					continue;
				}
				materials.add(new Material(name, form, count, note));
			}
			return complete ? materials : null;
		}

		private Integer count(Node node, Node owner) {
			String text = this.yaml.text(node, "material count", owner);
			if (text == null) {
				return null;
			}
			try {
				int count = Integer.parseInt(text);
				if (count >= 1 && count <= 99) {
					return count;
				}
			}
			catch (NumberFormatException ex) {
				// reported below
			}
			this.yaml.error(node, "material count '" + text + "' is not a number from 1 to 99");
			return null;
		}

		private List<Bilingual> steps(Node node, Node owner) {
			List<Node> items = this.yaml.sequence(node, "steps", owner);
			if (items == null) {
				return null;
			}
			if (items.isEmpty()) {
				this.yaml.error(node, "steps is empty");
			}
			List<Bilingual> steps = new ArrayList<>();
			for (Node item : items) {
				Bilingual step = bilingual(item, "step", node, true);
				if (step == null) {
					return null;
				}
				steps.add(step);
			}
			return steps;
		}

		private List<String> related(Node node, Node owner) {
			if (node == null) {
				this.yaml.error(owner, "related is missing (use [] when no guide is related)");
				return null;
			}
			List<Node> items = this.yaml.sequence(node, "related", owner);
			if (items == null) {
				return null;
			}
			List<String> ids = new ArrayList<>();
			for (Node item : items) {
				String id = this.yaml.text(item, "a related id", node);
				if (id != null && ids.contains(id)) {
					this.yaml.error(item, "related guide '" + id + "' is listed twice");
				}
				else if (id != null) {
					ids.add(id);
				}
			}
			return ids;
		}

		private Phrases phrases(Node node, String what, Node owner, int minimum) {
			if (!isPresent(node, what, owner)) {
				return null;
			}
			Map<String, Node> languages = this.yaml.mapping(node, what);
			if (languages == null) {
				return null;
			}
			this.yaml.onlyKeys(languages, List.of("zh", "bo"), what, node);
			Map<Language, List<String>> lists = new EnumMap<>(Language.class);
			for (Language language : Language.values()) {
				String label = what + "." + language.code();
				List<Node> items = this.yaml.sequence(languages.get(language.code()), label, node);
				if (items == null) {
					return null;
				}
				if (items.size() < minimum) {
					this.yaml.error(languages.get(language.code()),
							label + " has " + items.size() + ", needs at least " + minimum);
				}
				List<String> texts = new ArrayList<>();
				for (Node item : items) {
					String text = this.yaml.text(item, "an entry of " + label, node);
					if (text == null) {
						continue;
					}
					String problem = Scripts.problem(text, language, what.equals("questions"));
					if (problem != null) {
						this.yaml.error(item, label + ": " + problem);
					}
					texts.add(text);
				}
				lists.put(language, texts);
			}
			return new Phrases(lists.get(Language.ZH), lists.get(Language.BO));
		}

	}

}

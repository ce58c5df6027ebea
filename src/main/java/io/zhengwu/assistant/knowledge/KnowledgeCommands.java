package io.zhengwu.assistant.knowledge;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import io.zhengwu.assistant.knowledge.Evaluation.Answer;
import io.zhengwu.assistant.knowledge.Evaluation.Figures;

/**
 * The command-line tools for editors, run without starting the service:
 * {@code validate [--knowledge DIR]} and
 * {@code eval --questions FILE [--knowledge DIR] [--json OUT]}.
 */
public final class KnowledgeCommands {

	private KnowledgeCommands() {
	}

	/** Checks the knowledge folder; prints {@code file:line: problem}; exit code 1 on errors. */
	public static int validate(String[] args) {
		return validate(args, System.out);
	}

	static int validate(String[] args, PrintStream out) {
		Map<String, String> options = options(args, List.of("--knowledge"), out);
		if (options == null) {
			out.println("usage: validate [--knowledge DIR]");
			return 2;
		}
		Path dir = Path.of(options.getOrDefault("--knowledge", "knowledge"));
		ValidationReport report = KnowledgeReader.read(dir).report();
		report.errors().forEach(out::println);
		report.warnings().forEach((problem) -> out.println(problem + " (warning)"));
		if (!report.toBeConfirmed().isEmpty()) {
			out.println();
			out.println("To be confirmed (" + report.toBeConfirmed().size() + ", 【待确认】/【གཏན་འཁེལ་མེད།】):");
			report.toBeConfirmed().forEach((problem) -> out.println("  " + problem));
		}
		out.println();
		out.println(report.ok() ? "OK: " + dir + " passes the checker (" + report.warnings().size() + " warnings)"
				: "FAILED: " + report.errors().size() + " errors in " + dir);
		return report.ok() ? 0 : 1;
	}

	/** Runs a question file through the bot and prints the misses and the figures. */
	public static int eval(String[] args) {
		return eval(args, System.out);
	}

	static int eval(String[] args, PrintStream out) {
		Map<String, String> options = options(args, List.of("--questions", "--knowledge", "--json"), out);
		if (options == null || !options.containsKey("--questions")) {
			out.println("usage: eval --questions FILE [--knowledge DIR] [--json OUT]");
			return 2;
		}
		PublishedKnowledge knowledge = new PublishedKnowledge(Path.of(options.getOrDefault("--knowledge", "knowledge")),
				defaultBaseUrl());
		ReloadReport report = knowledge.publish();
		if (!report.published()) {
			report.validation().errors().forEach(out::println);
			out.println("FAILED: the knowledge base does not pass the checker (run validate)");
			return 1;
		}
		try {
			Evaluation.Result result = Evaluation.run(new KnowledgeAnswers(knowledge),
					Evaluation.read(Path.of(options.get("--questions"))));
			for (Answer miss : result.misses()) {
				out.println("miss " + miss.question().source() + "\t" + miss.question().question() + "\texpected="
						+ (miss.question().inScope() ? String.join("|", miss.question().expected()) : "-") + "\tgot="
						+ miss.outcome() + " " + miss.ranked());
			}
			result.byLanguage().forEach((language, figures) -> out.println(language.code() + ": " + figures.line()));
			out.println(result.overall().line());
			if (options.containsKey("--json")) {
				Files.writeString(Path.of(options.get("--json")), json(result), StandardCharsets.UTF_8);
			}
			return 0;
		}
		catch (IOException | IllegalArgumentException ex) {
			out.println("FAILED: " + ex.getMessage());
			return 1;
		}
	}

	private static String json(Evaluation.Result result) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("overall", figures(result.overall()));
		Map<String, Object> languages = new LinkedHashMap<>();
		result.byLanguage().forEach((language, figures) -> languages.put(language.code(), figures(figures)));
		document.put("languages", languages);
		List<Map<String, Object>> misses = new ArrayList<>();
		for (Answer miss : result.misses()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("source", miss.question().source());
			entry.put("question", miss.question().question());
			entry.put("expected", miss.question().expected());
			entry.put("outcome", miss.outcome().name());
			entry.put("ranked", miss.ranked());
			misses.add(entry);
		}
		document.put("misses", misses);
		return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(document);
	}

	/** The figures under the names of the printed line. */
	private static Map<String, Object> figures(Figures figures) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("top1", figures.top1());
		map.put("top3", figures.top3());
		map.put("mrr", figures.mrr());
		map.put("answered", figures.answered());
		map.put("answered_precision", figures.answeredPrecision());
		map.put("oos_rejected", figures.oosRejected());
		map.put("n", figures.n());
		return map;
	}

	private static String defaultBaseUrl() {
		String url = System.getenv("PUBLIC_BASE_URL");
		return (url != null && !url.isBlank()) ? url : "http://localhost:8080";
	}

	/** {@code --name value} pairs; null (with the reason printed) on anything else. */
	private static Map<String, String> options(String[] args, List<String> allowed, PrintStream out) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i += 2) {
			if (!allowed.contains(args[i]) || i + 1 >= args.length) {
				out.println("unknown or incomplete option: " + args[i]);
				return null;
			}
			options.put(args[i], args[i + 1]);
		}
		return options;
	}

}

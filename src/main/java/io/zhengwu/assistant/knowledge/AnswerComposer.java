package io.zhengwu.assistant.knowledge;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import io.zhengwu.assistant.knowledge.Guide.Material;

/**
 * Composes what the citizen reads in WeChat: the short answer for one guide (the essentials first:
 * title, materials, time limit, fee, where and when, online; then a link to the full page) and the
 * numbered choices. A WeChat text message holds at most 2,048 bytes of UTF-8, and a Tibetan letter
 * takes 3 bytes, so sizes are counted in bytes.
 */
final class AnswerComposer {

	/** WeChat's limit for one text message, in UTF-8 bytes. */
	static final int MESSAGE_LIMIT = 2048;

	/** The longest public base URL allowed (see {@link PublicSite}). */
	static final int MAX_BASE_URL = 120;

	private static final String LINK_LABEL_ZH = "详细说明：";

	private static final String LINK_LABEL_BO = "ཞིབ་ཕྲ། ";

	/** The line of an answer with its first material: {@link #essentials} puts the title and the heading before. */
	private static final int FIRST_MATERIAL_LINE = 2;

	private final String publicBaseUrl;

	AnswerComposer(String publicBaseUrl) {
		this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
				: publicBaseUrl;
	}

	static int bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

	String pageUrl(String guideId, Language language) {
		return this.publicBaseUrl + "/guides/" + guideId + "?lang=" + language.code();
	}

	/** How a guide's short answer fits in one message. */
	enum Fit {

		/** Every essential fact in full. */
		FULL,

		/** Each fact but where cut to its first sentence (the page has the rest). */
		SHORTENED,

		/** Too long even shortened: the checker refuses the guide. */
		TOO_LONG

	}

	/**
	 * The most the essentials may take: the message limit less the link line, counted with the
	 * longest base URL allowed, so the check holds whatever the deployment's URL.
	 */
	static int essentialsBudget(Guide guide, Language language) {
		String link = "\n" + linkLabel(language) + "x".repeat(MAX_BASE_URL) + "/guides/" + guide.id() + "?lang="
				+ language.code();
		return MESSAGE_LIMIT - bytes(link);
	}

	static Fit fit(Guide guide, Language language) {
		int budget = essentialsBudget(guide, language);
		if (bytes(String.join("\n", essentials(guide, language, false))) <= budget) {
			return Fit.FULL;
		}
		if (bytes(String.join("\n", essentials(guide, language, true))) <= budget) {
			return Fit.SHORTENED;
		}
		return Fit.TOO_LONG;
	}

	/** The short answer: the essentials, then the link, within {@link #MESSAGE_LIMIT} bytes. */
	String answer(Guide guide, Language language) {
		Fit fit = fit(guide, language);
		List<String> lines = essentials(guide, language, fit != Fit.FULL);
		if (fit == Fit.FULL) {
			addNotes(lines, guide, language);
		}
		// never needed for a checked guide; kept so that WeChat never cuts a message mid-letter
		while (bytes(String.join("\n", lines)) > essentialsBudget(guide, language) && lines.size() > 2) {
			lines.remove(lines.size() - 1);
			lines.set(lines.size() - 1, "…");
		}
		lines.add(linkLabel(language) + pageUrl(guide.id(), language));
		return String.join("\n", lines);
	}

	/**
	 * The materials' notes that still fit, the shortest first so that as many as possible do
	 * (those saying when a material is needed are short: "换发护照时带上。"): "离婚证（原件1份）"
	 * alone reads as needed by all, where its note says "离过婚或丧偶再婚的带".
	 */
	private static void addNotes(List<String> lines, Guide guide, Language language) {
		int budget = essentialsBudget(guide, language);
		int size = bytes(String.join("\n", lines));
		List<Material> materials = guide.materials();
		List<Integer> shortestFirst = IntStream.range(0, materials.size())
			.filter((i) -> materials.get(i).note() != null)
			.boxed()
			.sorted(Comparator.comparingInt((Integer i) -> bytes(materials.get(i).note().in(language))))
			.toList();
		for (int i : shortestFirst) {
			String added = label(language, "：", " ") + shown(materials.get(i).note(), language);
			if (size + bytes(added) <= budget) {
				int line = FIRST_MATERIAL_LINE + i;
				lines.set(line, lines.get(line) + added);
				size += bytes(added);
			}
		}
	}

	private static String linkLabel(Language language) {
		return label(language, LINK_LABEL_ZH, LINK_LABEL_BO);
	}

	private static List<String> essentials(Guide guide, Language language, boolean shortened) {
		List<String> lines = new ArrayList<>();
		lines.add("【" + shown(guide.title(), language) + "】");
		lines.add(label(language, "所需材料：", "དགོས་པའི་ཡིག་ཆ།"));
		int number = 1;
		for (Material material : guide.materials()) {
			lines.add(number++ + ". " + shown(material.name(), language) + form(material, language));
		}
		lines.add(label(language, "办理时限：", "སྒྲུབ་ཡུན། ") + fact(guide.timeLimit(), language, shortened));
		lines.add(label(language, "费用：", "འགྲོ་གྲོན། ") + fact(guide.fee(), language, shortened));
		// where to go is a name, never cut: a shad also parts the words of a Tibetan address
		// ("…ལྟེ་གནས། སེང་གེ་ཁ་འབབ།"), and the first "sentence" dropped the town
		lines.add(label(language, "地点：", "སྒྲུབ་ས། ") + shown(guide.window(), language) + label(language, "，", " ")
				+ shown(guide.address(), language));
		lines.add(label(language, "时间：", "དུས་ཚོད། ") + fact(guide.when(), language, shortened));
		lines.add(label(language, "网上办理：", "དྲ་ཐོག་ནས་སྒྲུབ་ཐབས། ") + fact(guide.online(), language, shortened));
		return lines;
	}

	private static String fact(Bilingual text, Language language, boolean shortened) {
		String value = text.in(language);
		return shown(shortened ? firstSentence(value, language) : value, language);
	}

	/** The text up to its first sentence end (。；, or the shad ། outside a marker), "…" if cut. */
	static String firstSentence(String text, Language language) {
		int depth = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '【') {
				depth++;
			}
			else if (c == '】') {
				depth = Math.max(0, depth - 1);
			}
			boolean end = (language == Language.ZH) ? (c == '。' || c == '；') : (c == '།');
			if (end && depth == 0) {
				int cut = i + 1;
				// a marker right after the sentence belongs to it
				String rest = text.substring(cut).stripLeading();
				String marker = Scripts.marker(language);
				if (rest.startsWith(marker)) {
					cut = text.indexOf(marker, cut) + marker.length();
					rest = text.substring(cut).strip();
				}
				return rest.isEmpty() ? text : text.substring(0, cut) + "…";
			}
		}
		return text;
	}

	private static String form(Material material, Language language) {
		int count = material.count();
		if (language == Language.ZH) {
			return switch (material.form()) {
				case "copy" -> "（复印件" + count + "份）";
				case "original-and-copy" -> "（原件和复印件各" + count + "份）";
				case "electronic" -> (count == 1) ? "（电子版）" : "（电子版" + count + "份）";
				default -> "（原件" + count + "份）";
			};
		}
		return switch (material.form()) {
			case "copy" -> " (འདྲ་བཤུས། " + count + ")";
			case "original-and-copy" -> " (མ་ཡིག་དང་འདྲ་བཤུས་རེ་རེ། " + count + ")";
			case "electronic" -> " (གློག་རྡུལ་ཡིག་ཆ། " + count + ")";
			default -> " (མ་ཡིག " + count + ")";
		};
	}

	private static String label(Language language, String zh, String bo) {
		return (language == Language.BO) ? bo : zh;
	}

	/** A text as citizens see it: a to-be-confirmed marker becomes "please ask at the window". */
	static String shown(Bilingual text, Language language) {
		return shown(text.in(language), language);
	}

	static String shown(String text, Language language) {
		return text.replace(Scripts.MARKER_ZH, "（请向窗口咨询）").replace(Scripts.MARKER_BO, " (སྒེའུ་ཁུང་ལ་འདྲི་རོགས།)");
	}

	/**
	 * The numbered choices, each also a tappable link: tapping sends the title back as a text
	 * message carrying {@code bizmsgmenuid} = the guide id.
	 */
	String choices(String intro, List<Choice> choices) {
		List<String> lines = new ArrayList<>();
		lines.add(intro);
		int number = 1;
		for (Choice choice : choices) {
			String title = choice.title().replaceAll("[\"<>&]", "");
			String line = number++ + ". <a href=\"weixin://bizmsgmenu?msgmenucontent=" + title + "&msgmenuid="
					+ choice.guideId() + "\">" + title + "</a>";
			if (bytes(String.join("\n", lines)) + 1 + bytes(line) > MESSAGE_LIMIT) {
				break;
			}
			lines.add(line);
		}
		return String.join("\n", lines);
	}

	/** One numbered choice. */
	record Choice(String guideId, String title) {
	}

}

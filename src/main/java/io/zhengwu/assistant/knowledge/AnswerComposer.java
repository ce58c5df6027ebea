package io.zhengwu.assistant.knowledge;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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

	/** Room kept for the link line (the base URL is at most 120 characters, see the settings). */
	static final int LINK_RESERVE = 200;

	/** The most the essentials may take, so that essentials and link fit in one message. */
	static final int ESSENTIALS_LIMIT = MESSAGE_LIMIT - LINK_RESERVE;

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

	/** The short answer: the essentials, then the link, within {@link #MESSAGE_LIMIT} bytes. */
	String answer(Guide guide, Language language) {
		List<String> lines = essentials(guide, language);
		String link = label(language, "详细说明：", "ཞིབ་ཕྲ། ") + pageUrl(guide.id(), language);
		// never happens with a checked guide; kept so a message is never cut by WeChat mid-letter
		while (bytes(String.join("\n", lines)) > ESSENTIALS_LIMIT && lines.size() > 2) {
			lines.remove(lines.size() - 1);
			lines.set(lines.size() - 1, "…");
		}
		lines.add(link);
		return String.join("\n", lines);
	}

	/** The size of the essentials in bytes (the checker keeps it within {@link #ESSENTIALS_LIMIT}). */
	int essentialsBytes(Guide guide, Language language) {
		return bytes(String.join("\n", essentials(guide, language)));
	}

	private List<String> essentials(Guide guide, Language language) {
		List<String> lines = new ArrayList<>();
		lines.add(label(language, "【", "【") + shown(guide.title(), language) + "】");
		lines.add(label(language, "所需材料：", "དགོས་པའི་ཡིག་ཆ།"));
		int number = 1;
		for (Material material : guide.materials()) {
			lines.add(number++ + ". " + shown(material.name(), language) + form(material, language));
		}
		lines.add(label(language, "办理时限：", "སྒྲུབ་ཡུན། ") + shown(guide.timeLimit(), language));
		lines.add(label(language, "费用：", "འགྲོ་གྲོན། ") + shown(guide.fee(), language));
		lines.add(label(language, "地点：", "སྒྲུབ་ས། ") + shown(guide.window(), language)
				+ label(language, "，", " ") + shown(guide.address(), language));
		lines.add(label(language, "时间：", "དུས་ཚོད། ") + shown(guide.when(), language));
		lines.add(label(language, "网上办理：", "དྲ་ཐོག་ནས་སྒྲུབ་ཐབས། ") + shown(guide.online(), language));
		return lines;
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

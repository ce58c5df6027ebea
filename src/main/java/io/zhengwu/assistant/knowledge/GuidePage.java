package io.zhengwu.assistant.knowledge;

import java.util.List;
import java.util.Map;

import org.springframework.web.util.HtmlUtils;

import io.zhengwu.assistant.knowledge.Guide.Material;

/**
 * The full guide as a web page, linked from every answer and opened in WeChat's in-app browser on
 * a phone: one column, large type, a font stack that has Tibetan, every text escaped. A fact still
 * to be confirmed is shown as "please ask at the window".
 */
final class GuidePage {

	private static final String STYLE = """
			*{box-sizing:border-box}
			body{margin:0;background:#f4f6f8;color:#1d2733;font-size:17px;line-height:1.7;
			font-family:"Noto Sans Tibetan","Noto Serif Tibetan","Microsoft Himalaya","Jomolhari","PingFang SC",
			"Hiragino Sans GB","Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",system-ui,sans-serif}
			html[lang=bo] body{font-size:20px;line-height:2}
			main{max-width:42rem;margin:0 auto;padding:1rem}
			header{background:#0b5394;color:#fff;padding:1rem;border-radius:.6rem}
			header h1{margin:0 0 .3rem;font-size:1.35em;line-height:1.4}
			header p{margin:0;opacity:.9;font-size:.9em}
			nav.lang{text-align:right;margin:.5rem 0}
			nav.lang a{color:#0b5394;margin-left:1rem}
			section{background:#fff;border-radius:.6rem;padding:.8rem 1rem;margin:.8rem 0}
			h2{font-size:1.05em;margin:0 0 .4rem;color:#0b5394}
			ol,ul{margin:0;padding-left:1.4rem}
			li{margin:.3rem 0}
			.form{color:#555;font-size:.9em}
			.note{display:block;color:#666;font-size:.88em}
			.ask{background:#fff3cd;color:#7a4d00;border-radius:.3rem;padding:0 .3rem;white-space:nowrap}
			footer{color:#666;font-size:.85em;margin:1rem 0 2rem}
			a{color:#0b5394}
			""";

	private GuidePage() {
	}

	static String render(Guide guide, Language language, Map<String, Guide> guides) {
		Labels l = Labels.of(language);
		StringBuilder html = new StringBuilder(8192);
		head(html, language, guide.title().in(language));
		html.append("<main>");
		html.append("<nav class=\"lang\">");
		for (Language other : Language.values()) {
			if (other != language) {
				html.append("<a href=\"/guides/").append(guide.id()).append("?lang=").append(other.code())
					.append("\" lang=\"").append(other.code()).append("\">").append(Labels.of(other).name).append("</a>");
			}
		}
		html.append("</nav>");
		html.append("<header><h1>").append(text(guide.title(), language)).append("</h1><p>")
			.append(text(guide.department(), language)).append("</p></header>");
		section(html, l.summary, "<p>" + text(guide.summary(), language) + "</p>");
		section(html, l.who, "<p>" + text(guide.who(), language) + "</p>");
		StringBuilder materials = new StringBuilder("<ol>");
		for (Material material : guide.materials()) {
			materials.append("<li>").append(text(material.name(), language)).append(" <span class=\"form\">")
				.append(escape(l.form(material))).append("</span>");
			if (material.note() != null) {
				materials.append("<span class=\"note\">").append(text(material.note(), language)).append("</span>");
			}
			materials.append("</li>");
		}
		section(html, l.materials, materials.append("</ol>").toString());
		StringBuilder steps = new StringBuilder("<ol>");
		for (Bilingual step : guide.steps()) {
			steps.append("<li>").append(text(step, language)).append("</li>");
		}
		section(html, l.steps, steps.append("</ol>").toString());
		section(html, l.timeLimit, "<p>" + text(guide.timeLimit(), language) + "</p>");
		section(html, l.fee, "<p>" + text(guide.fee(), language) + "</p>");
		section(html, l.where, "<p>" + text(guide.window(), language) + "<br>" + text(guide.address(), language) + "</p>");
		section(html, l.when, "<p>" + text(guide.when(), language) + "</p>");
		section(html, l.online, "<p>" + text(guide.online(), language) + "</p>");
		section(html, l.contact, "<p>" + text(guide.contact(), language) + "</p>");
		if (guide.legalBasis() != null) {
			section(html, l.legalBasis, "<p>" + text(guide.legalBasis(), language) + "</p>");
		}
		List<Guide> related = guide.related().stream().filter(guides::containsKey).map(guides::get).toList();
		if (!related.isEmpty()) {
			StringBuilder links = new StringBuilder("<ul>");
			for (Guide other : related) {
				links.append("<li><a href=\"/guides/").append(other.id()).append("?lang=").append(language.code())
					.append("\">").append(text(other.title(), language)).append("</a></li>");
			}
			section(html, l.related, links.append("</ul>").toString());
		}
		html.append("<footer>").append(escape(l.footer)).append(' ').append(guide.lastReviewed()).append("</footer>");
		html.append("</main></body></html>");
		return html.toString();
	}

	static String notFound(Language language) {
		StringBuilder html = new StringBuilder();
		head(html, language, Labels.of(language).notFound);
		html.append("<main><header><h1>").append(escape(Labels.of(language).notFound)).append("</h1></header>");
		html.append("<section><p>").append(escape(Labels.of(language).notFoundHelp)).append("</p></section>");
		html.append("</main></body></html>");
		return html.toString();
	}

	private static void head(StringBuilder html, Language language, String title) {
		html.append("<!DOCTYPE html><html lang=\"").append(language.code()).append("\"><head><meta charset=\"utf-8\">")
			.append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
			.append("<title>")
			.append(escape(AnswerComposer.shown(title, language)))
			.append("</title><style>")
			.append(STYLE)
			.append("</style></head><body>");
	}

	private static void section(StringBuilder html, String heading, String body) {
		html.append("<section><h2>").append(escape(heading)).append("</h2>").append(body).append("</section>");
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}

	/** Escaped text of the language, a to-be-confirmed marker shown as "please ask at the window". */
	private static String text(Bilingual text, Language language) {
		String escaped = escape(text.in(language));
		return escaped.replace(Scripts.MARKER_ZH, "<span class=\"ask\">请向窗口咨询</span>")
			.replace(Scripts.MARKER_BO, " <span class=\"ask\">སྒེའུ་ཁུང་ལ་འདྲི་རོགས།</span>");
	}

	/** The page's words in one language. */
	private record Labels(String name, String summary, String who, String materials, String steps, String timeLimit,
			String fee, String where, String when, String online, String contact, String legalBasis, String related,
			String footer, String notFound, String notFoundHelp, Language language) {

		static Labels of(Language language) {
			if (language == Language.BO) {
				return new Labels("བོད་ཡིག", "ངོ་སྤྲོད།", "ཞུ་ཆོག་མཁན།", "དགོས་པའི་ཡིག་ཆ།", "སྒྲུབ་རིམ།", "སྒྲུབ་ཡུན།",
						"འགྲོ་གྲོན།", "སྒྲུབ་ས།", "དུས་ཚོད།", "དྲ་ཐོག་ནས་སྒྲུབ་ཐབས།", "འབྲེལ་གཏུག", "ཁྲིམས་གཞི།",
						"འབྲེལ་ཡོད་ལས་དོན།", "གཏན་འཁེལ་མེད་པའི་ཆ་འཕྲིན་སྒེའུ་ཁུང་ལ་དྲིས། བསྐྱར་ཞིབ་ཟླ་ཚེས།",
						"ལས་དོན་འདི་རྙེད་མ་སོང་།", "འཕྲིན་ཐུང་ནང་དྲི་བ་ཡང་བསྐྱར་བྲིས་རོགས།", language);
			}
			return new Labels("中文", "简介", "办理对象", "所需材料", "办理流程", "办理时限", "收费标准", "办理地点", "办理时间",
					"网上办理", "咨询电话", "法律依据", "相关事项", "标注“请向窗口咨询”的信息尚待中心确认，以窗口答复为准。最近核对：",
					"没有找到这个办事指南", "请回到公众号对话中重新提问。", language);
		}

		String form(Material material) {
			int count = material.count();
			if (this.language == Language.BO) {
				return switch (material.form()) {
					case "copy" -> "འདྲ་བཤུས། " + count;
					case "original-and-copy" -> "མ་ཡིག་དང་འདྲ་བཤུས་རེ་རེ། " + count;
					case "electronic" -> "གློག་རྡུལ་ཡིག་ཆ། " + count;
					default -> "མ་ཡིག " + count;
				};
			}
			return switch (material.form()) {
				case "copy" -> "复印件" + count + "份";
				case "original-and-copy" -> "原件和复印件各" + count + "份";
				case "electronic" -> "电子版" + ((count == 1) ? "" : count + "份");
				default -> "原件" + count + "份";
			};
		}

	}

}

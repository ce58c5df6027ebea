package io.zhengwu.assistant.handoff;

import java.util.Optional;
import java.util.Set;

/** What a citizen may write to end a chat with the staff or to rate it, in Chinese and Tibetan. */
final class CitizenWords {

	private static final Set<String> END = Set.of("结束", "结束对话", "结束人工", "结束服务", "结束咨询", "退出", "退出人工",
			"མཇུག་སྒྲིལ", "མཇུག་སྒྲིལ་བ", "ཁ་བརྡ་མཇུག་སྒྲིལ", "མཇུག་རྫོགས");

	private CitizenWords() {
	}

	static boolean isEnd(String text) {
		return END.contains(normalize(text));
	}

	/**
	 * The rating a text gives, if it is one: {@code good} (1, 满意, ཡིད་ཚིམ།), {@code fair} (2, 一般,
	 * བར་མ།), {@code bad} (3, 不满意, ཡིད་མ་ཚིམ།).
	 */
	static Optional<String> rating(String text) {
		String word = normalize(text);
		return switch (word) {
			case "1", "１", "满意", "非常满意", "ཡིད་ཚིམ", "ཡིད་ཚིམ་པོ", "ཚིམ" -> Optional.of("good");
			case "2", "２", "一般", "还行", "བར་མ", "འབྲིང" -> Optional.of("fair");
			case "3", "３", "不满意", "很不满意", "差", "ཡིད་མ་ཚིམ", "ཡིད་ཚིམ་མེད", "མ་ཚིམ" -> Optional.of("bad");
			default -> Optional.empty();
		};
	}

	/** Trims spaces and the punctuation a citizen may add (。！ and the Tibetan shad ། and tsheg ་ at the end). */
	static String normalize(String text) {
		if (text == null) {
			return "";
		}
		String trimmed = text.strip();
		int end = trimmed.length();
		while (end > 0 && "。.!！?？་།༎ 　".indexOf(trimmed.charAt(end - 1)) >= 0) {
			end--;
		}
		return trimmed.substring(0, end);
	}

}

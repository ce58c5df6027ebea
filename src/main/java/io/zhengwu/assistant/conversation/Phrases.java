package io.zhengwu.assistant.conversation;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

import io.zhengwu.assistant.knowledge.Language;

/**
 * The few things a citizen can type that steer the dialogue rather than ask a question: asking for
 * a person, switching language, picking a numbered choice.
 */
final class Phrases {

	/** Words that ask for a person, in Chinese and Tibetan. */
	static final List<String> ASK_FOR_PERSON = List.of("转人工", "人工服务", "人工客服", "人工", "找工作人员", "工作人员", "客服",
			"ལས་བྱེད་པ", "མི་དངོས");

	private static final String TSHEG_AND_SHAD = "\u0F0B\u0F0D\u0F0E\u0F14 \t\r\n。.!！?？";

	private Phrases() {
	}

	/** Whether the text asks for a person: short, and containing one of {@link #ASK_FOR_PERSON}. */
	static boolean asksForPerson(String text) {
		// A long question that mentions 工作人员 ("where do the staff...") is still a question.
		int limit = (Language.detect(text, Language.ZH) == Language.BO) ? 40 : 10;
		if (text.codePointCount(0, text.length()) > limit) {
			return false;
		}
		return ASK_FOR_PERSON.stream().anyMatch(text::contains);
	}

	/** Whether the text is just a request for the list of topics ("目录", "ཐོ་ཡིག"), as the welcome suggests. */
	static boolean asksForTopics(String text) {
		return List.of("目录", "菜单", "ཐོ་ཡིག", "ཐོ་གཞུང").contains(strip(text));
	}

	/** The language switched to when the text is just "中文" / "汉语" / "བོད་ཡིག" (or "Chinese"/"Tibetan"). */
	static Optional<Language> languageSwitch(String text) {
		String word = strip(text).toLowerCase(Locale.ROOT);
		return switch (word) {
			case "中文", "汉语", "汉文", "chinese", "rgya yig" -> Optional.of(Language.ZH);
			case "བོད་ཡིག", "བོད་སྐད", "藏文", "藏语", "tibetan" -> Optional.of(Language.BO);
			default -> Optional.empty();
		};
	}

	/** The number (1-based) when the text is just one digit, in any script (1, １, ༡). */
	static OptionalInt choiceNumber(String text) {
		String stripped = strip(text);
		if (stripped.codePointCount(0, stripped.length()) != 1) {
			return OptionalInt.empty();
		}
		int digit = Character.digit(stripped.codePointAt(0), 10);
		return (digit >= 1) ? OptionalInt.of(digit) : OptionalInt.empty();
	}

	private static String strip(String text) {
		int start = 0;
		int end = text.length();
		while (start < end && TSHEG_AND_SHAD.indexOf(text.charAt(start)) >= 0) {
			start++;
		}
		while (end > start && TSHEG_AND_SHAD.indexOf(text.charAt(end - 1)) >= 0) {
			end--;
		}
		return text.substring(start, end);
	}

}

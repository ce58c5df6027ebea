package io.zhengwu.assistant.knowledge;

import java.util.List;
import java.util.Optional;

/**
 * Recognises greetings (and "who are you?"), thanks and "what can I ask?" ("目录", "ཐོ་ཡིག"), which get a fixed reply
 * (greeting, thanks, the list of topics) instead of a search. Only a
 * message that is nothing but a greeting or thanks (with a little filler such as 啊, 呀, 小助手)
 * counts: "你好，身份证怎么办" is a question and is searched.
 */
final class SmallTalk {

	/** Longer than this without punctuation and spaces, a message is a question. */
	private static final int MAX_COMPACT_LENGTH = 30;

	/** What kind of small talk a message is. */
	enum Kind {

		GREETING("greeting"), THANKS("thanks"), TOPICS("topics");

		private final String replyKey;

		Kind(String replyKey) {
			this.replyKey = replyKey;
		}

		String replyKey() {
			return this.replyKey;
		}

	}

	private static final List<String> GREETINGS = compacted("你好", "您好", "你们好", "大家好", "早上好", "上午好", "中午好",
			"下午好", "晚上好", "早安", "晚安", "嗨", "哈喽", "哈罗", "喂", "在吗", "在不在", "有人吗", "扎西德勒", "hello", "hi",
			"hey", "བཀྲ་ཤིས་བདེ་ལེགས", "ཁམས་བཟང་", "ཁམས་བཟང་ངམ", "སྐུ་ཁམས་བཟང་", "སྐུ་ཁམས་བཟང་ངམ", "ཁྱེད་རང་སྐུ་ཁམས་བཟང་ངམ",
			"ཞོགས་པ་བདེ་ལེགས", "དགོང་མོ་བདེ་ལེགས", "ཉིན་མོ་བདེ་ལེགས",
			// asking who the bot is: the greeting says it
			"你是谁", "你叫什么", "你叫什么名字", "你是机器人吗", "你是真人吗", "你是人吗", "ཁྱེད་སུ་ཡིན", "ཁྱེད་སུ་རེད",
			"ཁྱེད་རང་སུ་ཡིན", "ཁྱེད་རང་སུ་རེད", "ཁྱེད་མི་ཡིན་ནམ", "ཁྱེད་རང་མི་ཡིན་ནམ", "ཁྱེད་འཕྲུལ་མི་ཡིན་ནམ",
			"ཁྱེད་རང་འཕྲུལ་མི་ཡིན་ནམ",
			"ཁྱེད་ཀྱི་མིང་ལ་ག་རེ་ཟེར", "ཁྱེད་རང་གི་མིང་ལ་ག་རེ་ཟེར");

	private static final List<String> THANKS = compacted("谢谢", "多谢", "感谢", "谢了", "谢啦", "谢谢你", "谢谢您", "非常感谢",
			"太感谢了", "辛苦了", "好的谢谢", "好的", "好滴", "好嘞", "好", "知道了", "明白了", "收到", "ok", "okay", "thanks",
			"thank you",
			// a murmur of assent after an answer: nothing to search, and no strike towards a hand-off
			// (a longer phrase before the shorter one it starts with: the first that matches is taken)
			"嗯", "哦", "噢", "喔", "懂了",
			"ཐུགས་རྗེ་ཆེ", "ཐུགས་རྗེ་ཆེ་ལགས", "ཐུགས་རྗེ་ཆེ་ཆེ", "བཀའ་དྲིན་ཆེ", "ལགས་སོ", "ལགས་ཡིན", "ཧ་གོ་སོང", "ཡག་པོ",
			"འགྲིག");

	private static final List<String> TOPICS = compacted("目录", "菜单", "帮助", "能问什么", "可以问什么", "你能做什么",
			"你会什么", "有哪些事项", "都能办什么", "ཐོ་ཡིག", "ཐོ་གཞུང", "དཀར་ཆག", "རོགས་རམ");

	/** Words that may come with a greeting without making it a question. */
	private static final List<String> FILLER = compacted("机器人", "小助手", "助手", "客服", "朋友", "老师", "同志", "你", "您",
			"啊", "呀", "哈", "呢", "吧", "啦", "了", "哦", "喔", "嗯", "哟", "ལགས", "ཡག་པོ", "ཚང་མ", "རོགས་པ");


	private SmallTalk() {
	}

	static Optional<Kind> classify(String text) {
		String compact = compact(text, MAX_COMPACT_LENGTH);
		if (compact == null) {
			return Optional.empty();
		}
		if (compact.isEmpty()) {
			// 👍 or 🙏 on its own answers an answer, as 好的 does; bare punctuation ("？") says nothing
			return hasEmoji(text) ? Optional.of(Kind.THANKS) : Optional.empty();
		}
		if (isOnly(compact, GREETINGS)) {
			return Optional.of(Kind.GREETING);
		}
		if (isOnly(compact, THANKS)) {
			return Optional.of(Kind.THANKS);
		}
		if (isOnly(compact, TOPICS)) {
			return Optional.of(Kind.TOPICS);
		}
		return Optional.empty();
	}

	/**
	 * Lower case, without spaces, punctuation, tsheg or emoji, so variants compare equal; null as
	 * soon as it would be longer than {@code limit} (a question, not small talk: every message
	 * is classified, and most are questions).
	 */
	static String compact(String text, int limit) {
		StringBuilder compact = new StringBuilder(Math.min(text.length(), limit) + 1);
		for (int i = 0; i < text.length();) {
			int codePoint = text.codePointAt(i);
			i += Character.charCount(codePoint);
			if (!isSeparator(codePoint)) {
				compact.appendCodePoint(Character.toLowerCase(codePoint));
				if (compact.length() > limit) {
					return null;
				}
			}
		}
		return compact.toString();
	}

	private static boolean hasEmoji(String text) {
		return text.codePoints().anyMatch((codePoint) -> Character.getType(codePoint) == Character.OTHER_SYMBOL);
	}

	/**
	 * What {@link #compact} leaves out: spaces, punctuation (tsheg and shad too), symbols and emoji,
	 * with the joiners and variation selectors that compose emoji (❤️, 👨‍👩‍👧).
	 */
	private static boolean isSeparator(int codePoint) {
		if (Character.isWhitespace(codePoint) || codePoint == '～' || codePoint == 0x200D
				|| (codePoint >= 0xFE00 && codePoint <= 0xFE0F)) {
			return true;
		}
		return switch (Character.getType(codePoint)) {
			case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
					Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
					Character.OTHER_PUNCTUATION, Character.OTHER_SYMBOL, Character.MODIFIER_SYMBOL ->
				true;
			// ASCII punctuation that Unicode calls a math or currency symbol: + < = > | ~ $ ^ `
			default -> codePoint < 0x80 && !Character.isLetterOrDigit(codePoint) && codePoint > 0x20;
		};
	}

	/** The phrases as {@link #compact} makes them, so that a message is compared without compacting them again. */
	private static List<String> compacted(String... phrases) {
		return java.util.Arrays.stream(phrases).map((phrase) -> compact(phrase, Integer.MAX_VALUE)).toList();
	}

	/** Whether the text is one or more of the phrases, with at most filler around them. */
	private static boolean isOnly(String compact, List<String> phrases) {
		String rest = compact;
		boolean found = false;
		boolean progress = true;
		while (!rest.isEmpty() && progress) {
			progress = false;
			for (String key : phrases) {
				if (rest.startsWith(key)) {
					rest = rest.substring(key.length());
					found = true;
					progress = true;
					break;
				}
			}
			for (String key : FILLER) {
				if (!progress && rest.startsWith(key)) {
					rest = rest.substring(key.length());
					progress = true;
					break;
				}
			}
		}
		return found && rest.isEmpty();
	}

}

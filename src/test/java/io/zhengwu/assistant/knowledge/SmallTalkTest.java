package io.zhengwu.assistant.knowledge;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmallTalkTest {

	@Test
	void greetingsAndThanksAreRecognisedWhateverTheirPunctuationCaseSpacingOrEmoji() {
		assertThat(SmallTalk.classify("你好！！")).contains(SmallTalk.Kind.GREETING);
		assertThat(SmallTalk.classify(" Hello, 小助手 😊")).contains(SmallTalk.Kind.GREETING);
		assertThat(SmallTalk.classify("你好　在吗？")).as("with an ideographic space").contains(SmallTalk.Kind.GREETING);
		assertThat(SmallTalk.classify("བཀྲ་ཤིས་བདེ་ལེགས། ལགས།")).contains(SmallTalk.Kind.GREETING);
		assertThat(SmallTalk.classify("谢谢~~ (^_^)")).contains(SmallTalk.Kind.THANKS);
		assertThat(SmallTalk.classify("THANK YOU!")).contains(SmallTalk.Kind.THANKS);
		assertThat(SmallTalk.classify("目录？")).contains(SmallTalk.Kind.TOPICS);
	}

	@Test
	void anEmojiOrAMurmurOfAssentOnItsOwnIsTakenAsThanksNotSearchedAsAQuestion() {
		assertThat(SmallTalk.classify("👍")).contains(SmallTalk.Kind.THANKS);
		assertThat(SmallTalk.classify("🙏🙏")).contains(SmallTalk.Kind.THANKS);
		assertThat(SmallTalk.classify("👍🏽")).as("with a skin tone").contains(SmallTalk.Kind.THANKS);
		assertThat(SmallTalk.classify("❤️")).as("with a variation selector").contains(SmallTalk.Kind.THANKS);
		assertThat(SmallTalk.classify("👨‍👩‍👧")).as("joined by zero-width joiners").contains(SmallTalk.Kind.THANKS);
		assertThat(SmallTalk.classify("嗯嗯")).contains(SmallTalk.Kind.THANKS);
		assertThat(SmallTalk.classify("哦哦，好滴")).contains(SmallTalk.Kind.THANKS);
		assertThat(SmallTalk.classify("ཡག་པོ།")).contains(SmallTalk.Kind.THANKS);
		assertThat(SmallTalk.classify("🙏 身份证丢了")).as("an emoji with a question").isEmpty();
	}

	@Test
	void askingWhetherTheBotIsAPersonGetsTheGreetingInEitherLanguage() {
		assertThat(SmallTalk.classify("你是人吗？")).contains(SmallTalk.Kind.GREETING);
		assertThat(SmallTalk.classify("ཁྱེད་རང་མི་ཡིན་ནམ།")).contains(SmallTalk.Kind.GREETING);
		assertThat(SmallTalk.classify("ཁྱེད་འཕྲུལ་མི་ཡིན་ནམ།")).contains(SmallTalk.Kind.GREETING);
		assertThat(SmallTalk.classify("ཁྱེད་རང་སུ་ཡིན།")).contains(SmallTalk.Kind.GREETING);
	}

	@Test
	void aQuestionIsNotSmallTalkEvenWithAGreeting() {
		assertThat(SmallTalk.classify("你好，身份证丢了怎么办")).isEmpty();
		assertThat(SmallTalk.classify("？！。")).isEmpty();
		assertThat(SmallTalk.classify("")).isEmpty();
	}

	@Test
	void compactingStopsAsSoonAsTheTextIsTooLongToBeSmallTalk() {
		assertThat(SmallTalk.compact("你 好，Ａ+B=c ~ ༄ཀ ་ 。", 30)).isEqualTo("你好ａbcཀ");
		assertThat(SmallTalk.compact("一二三四五六七八九十", 9)).isNull();
		assertThat(SmallTalk.compact("一二三四五六七八九，", 9)).isEqualTo("一二三四五六七八九");
	}

}

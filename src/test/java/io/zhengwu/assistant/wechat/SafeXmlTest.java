package io.zhengwu.assistant.wechat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafeXmlTest {

	private static final String TEXT_MESSAGE = """
			<xml>
			  <ToUserName><![CDATA[gh_0123456789ab]]></ToUserName>
			  <FromUserName><![CDATA[oCitizen0001]]></FromUserName>
			  <CreateTime>1764300000</CreateTime>
			  <MsgType><![CDATA[text]]></MsgType>
			  <Content><![CDATA[身份证丢了怎么办？ ཁྱེད་རང་]]></Content>
			  <MsgId>24000000000000001</MsgId>
			</xml>""";

	@Test
	void aWechatTextMessageReadsAsItsFields() {
		Map<String, String> fields = SafeXml.parse(TEXT_MESSAGE);
		assertThat(fields).containsEntry("FromUserName", "oCitizen0001")
			.containsEntry("CreateTime", "1764300000")
			.containsEntry("MsgType", "text")
			.containsEntry("Content", "身份证丢了怎么办？ ཁྱེད་རང་")
			.containsEntry("MsgId", "24000000000000001")
			.hasSize(6);
	}

	@Test
	void textWrittenWithCdataReadsBackTheSameEvenWithTheCdataEndInIt() {
		String content = "a ]]> b <c> & d\nsecond line ]]]]> ]]";
		Map<String, String> fields = SafeXml.parse("<xml><Content>" + SafeXml.cdata(content) + "</Content></xml>");
		assertThat(fields).containsEntry("Content", content);
	}

	@Test
	void whatXmlCannotCarryIsLeftOutOfAReplyAndAnythingElseIsKeptAsItIs() {
		String clean = "办理 ཁྱེད་རང་ \uD83D\uDE00\ttab\r\nline";
		assertThat(SafeXml.xmlChars(clean)).isSameAs(clean);
		assertThat(SafeXml.xmlChars("a\u0000b\u0008c\uFFFEd\uD83De\uDE00f\uD83D\uDE00"))
			.isEqualTo("abcdef\uD83D\uDE00");
		assertThat(SafeXml.xmlChars("\u0001")).isEmpty();
		assertThat(SafeXml.parse("<xml><Content>" + SafeXml.cdata("好\u0007的\uDC00") + "</Content></xml>"))
			.containsEntry("Content", "好的");
	}

	@Test
	void thePredefinedEntitiesAndCharacterReferencesAreRead() {
		Map<String, String> fields = SafeXml
			.parse("<xml><Content>&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos; &#20320;&#x597D; &#x1F600;</Content></xml>");
		assertThat(fields).containsEntry("Content", "<a> & \"b\" 'c' 你好 \uD83D\uDE00");
	}

	@Test
	void aDeclarationCommentsAttributesAndLineEndsAreReadAsXmlSays() {
		Map<String, String> fields = SafeXml.parse("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<!-- pushed -->"
				+ "<xml a=\"1\" b='&amp;'><Content>one\r\ntwo\rthree</Content><!-- x --><Empty/></xml>\n");
		assertThat(fields).containsEntry("Content", "one\ntwo\nthree").containsEntry("Empty", "");
	}

	@Test
	void nestedElementsAreSkippedAndTheFieldsAfterThemKept() {
		Map<String, String> fields = SafeXml.parse("<xml><Event><![CDATA[scancode_push]]></Event><ScanCodeInfo>"
				+ "<ScanType>qrcode</ScanType><ScanResult>1</ScanResult></ScanCodeInfo><EventKey>k</EventKey></xml>");
		assertThat(fields).containsEntry("Event", "scancode_push")
			.containsEntry("EventKey", "k")
			.doesNotContainKeys("ScanType", "ScanResult");
	}

	@Test
	void aFieldGivenTwiceKeepsItsFirstValue() {
		assertThat(SafeXml.parse("<xml><MsgType>text</MsgType><MsgType>event</MsgType></xml>"))
			.containsEntry("MsgType", "text");
	}

	@ParameterizedTest
	@ValueSource(strings = { "<!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><xml><Content>&x;</Content></xml>",
			"<!doctype xml><xml/>", "<xml><Content>&xxe;</Content></xml>", "<xml><Content>&lt</Content>&nbsp;</xml>",
			"<xml><![CDATA[<!ENTITY a 'b'>]]></xml>" })
	void documentTypesAndEntitiesAreRefusedWith400(String xml) {
		assertRefused(xml);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "not xml", "<xml>", "<xml></XML>", "<xml><a></b></xml>", "<xml></xml><xml></xml>",
			"<xml></xml> trailing", "<xml><Content><![CDATA[open</Content></xml>", "<xml a=1></xml>",
			"<xml a=\"<\"></xml>", "<xml><Content>\u0001</Content></xml>", "<xml><!ELEMENT a ANY></xml>",
			"<xml><Content>&#0;</Content></xml>", "<xml><Content>&#xZZ;</Content></xml>", "</xml>", "<xml><1a/></xml>",
			"<xml><!-- unclosed </xml>", "<xml><?pi unclosed </xml>", "<xml\u0000></xml>" })
	void malformedXmlIsRefusedWith400(String xml) {
		assertRefused(xml);
	}

	@Test
	void aDeeplyNestedDocumentIsRefusedWith400NotAStackOverflow() {
		String deep = "<a>".repeat(20_000) + "</a>".repeat(20_000);
		assertRefused(deep);
	}

	private static void assertRefused(String xml) {
		assertThatThrownBy(() -> SafeXml.parse(xml)).isInstanceOfSatisfying(WebhookRejection.class,
				(rejection) -> assertThat(rejection.status()).isEqualTo(HttpStatus.BAD_REQUEST));
	}

}

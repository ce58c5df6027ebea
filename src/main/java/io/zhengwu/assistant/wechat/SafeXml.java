package io.zhengwu.assistant.wechat;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * WeChat's XML in and out, safely. Input is read by a small strict reader made for WeChat's
 * messages (a root element whose children hold text or CDATA), not by a general XML parser: it
 * knows no document types and no entities but the five predefined ones and character references,
 * so there is nothing to expand and nothing to fetch; anything else is refused. Only the flat
 * children of the root are kept. Output: text goes in CDATA sections, split where it holds
 * {@code ]]>}, with characters XML cannot carry removed.
 */
final class SafeXml {

	private SafeXml() {
	}

	/**
	 * Parses a WeChat XML message into its top-level fields (element name → text). Nested elements
	 * (e.g. {@code ScanCodeInfo}) are skipped.
	 * @throws WebhookRejection (400) for a document type, an entity, or malformed XML
	 */
	static Map<String, String> parse(String xml) {
		refuseDoctypeAndEntities(xml);
		try {
			return new Reader(xml).document();
		}
		catch (IndexOutOfBoundsException ex) {
			throw WebhookRejection.badRequest("malformed XML");
		}
	}

	private static void refuseDoctypeAndEntities(String xml) {
		for (int at = xml.indexOf("<!"); at >= 0; at = xml.indexOf("<!", at + 2)) {
			if (xml.regionMatches(true, at, "<!DOCTYPE", 0, 9) || xml.regionMatches(true, at, "<!ENTITY", 0, 8)) {
				throw WebhookRejection.badRequest("XML with a document type or entity");
			}
		}
	}

	/**
	 * Reads one document: an optional declaration, comments and processing instructions around one
	 * root element; elements may have attributes (ignored); text may hold CDATA sections, comments,
	 * the predefined entities and character references. Line ends read as {@code \n}, as XML
	 * says. Reading past the end is an {@link IndexOutOfBoundsException}, which means malformed.
	 */
	private static final class Reader {

		/** WeChat nests two levels deep at most; a deeper document is someone else's. */
		private static final int MAX_DEPTH = 8;

		private final String xml;

		private int at;

		private final Map<String, String> fields = new LinkedHashMap<>();

		Reader(String xml) {
			this.xml = xml;
		}

		Map<String, String> document() {
			if (this.xml.startsWith("\uFEFF")) {
				this.at = 1;
			}
			miscellany();
			if (!startsWith("<") || startsWith("</")) {
				throw malformed();
			}
			element(1);
			miscellany();
			if (this.at != this.xml.length()) {
				throw malformed();
			}
			return this.fields;
		}

		/** Whitespace, comments and processing instructions (the declaration among them). */
		private void miscellany() {
			while (this.at < this.xml.length()) {
				if (isSpace(this.xml.charAt(this.at))) {
					this.at++;
				}
				else if (startsWith("<!--")) {
					comment();
				}
				else if (startsWith("<?")) {
					processingInstruction();
				}
				else {
					return;
				}
			}
		}

		/** An element at {@code depth} (the root is 1); its text is kept when it is a child of the root. */
		private void element(int depth) {
			if (depth > MAX_DEPTH) {
				throw malformed();
			}
			this.at++;
			String name = name();
			attributes();
			if (startsWith("/>")) {
				this.at += 2;
				keep(depth, name, "");
				return;
			}
			expect(">");
			StringBuilder text = (depth == 2) ? new StringBuilder() : null;
			while (true) {
				char c = this.xml.charAt(this.at);
				if (c == '<') {
					if (startsWith("</")) {
						this.at += 2;
						if (!name().equals(name)) {
							throw malformed();
						}
						spaces();
						expect(">");
						keep(depth, name, (text != null) ? text.toString() : "");
						return;
					}
					if (startsWith("<![CDATA[")) {
						int end = this.xml.indexOf("]]>", this.at + 9);
						if (end < 0) {
							throw malformed();
						}
						append(text, this.at + 9, end);
						this.at = end + 3;
					}
					else if (startsWith("<!--")) {
						comment();
					}
					else if (startsWith("<?")) {
						processingInstruction();
					}
					else if (startsWith("<!")) {
						throw malformed();
					}
					else {
						element(depth + 1);
					}
				}
				else if (c == '&') {
					String character = reference();
					if (text != null) {
						text.append(character);
					}
				}
				else {
					int end = this.at;
					while (end < this.xml.length() && this.xml.charAt(end) != '<' && this.xml.charAt(end) != '&') {
						end++;
					}
					if (end == this.xml.length()) {
						throw malformed();
					}
					append(text, this.at, end);
					this.at = end;
				}
			}
		}

		private void keep(int depth, String name, String text) {
			if (depth == 2) {
				this.fields.putIfAbsent(name, text);
			}
		}

		/** Characters from {@code start} to {@code end}, checked, with line ends as {@code \n}. */
		private void append(StringBuilder text, int start, int end) {
			for (int i = start; i < end; i++) {
				char c = this.xml.charAt(i);
				if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF) {
					throw malformed();
				}
				if (text == null) {
					continue;
				}
				if (c == '\r') {
					text.append('\n');
					if (i + 1 < end && this.xml.charAt(i + 1) == '\n') {
						i++;
					}
				}
				else {
					text.append(c);
				}
			}
		}

		/** {@code &lt;}, {@code &gt;}, {@code &amp;}, {@code &quot;}, {@code &apos;} or a character reference. */
		private String reference() {
			int end = this.xml.indexOf(';', this.at);
			if (end < 0 || end - this.at > 12) {
				throw malformed();
			}
			String body = this.xml.substring(this.at + 1, end);
			this.at = end + 1;
			switch (body) {
				case "lt":
					return "<";
				case "gt":
					return ">";
				case "amp":
					return "&";
				case "quot":
					return "\"";
				case "apos":
					return "'";
				default:
					break;
			}
			if (!body.startsWith("#")) {
				throw WebhookRejection.badRequest("XML with a document type or entity");
			}
			try {
				int codePoint = body.startsWith("#x") ? Integer.parseInt(body.substring(2), 16)
						: Integer.parseInt(body.substring(1));
				if (!isXmlChar(codePoint)) {
					throw malformed();
				}
				return new String(Character.toChars(codePoint));
			}
			catch (NumberFormatException ex) {
				throw malformed();
			}
		}

		/** Attributes, read and checked, not kept: WeChat's messages have none. */
		private void attributes() {
			while (true) {
				boolean spaced = spaces();
				char c = this.xml.charAt(this.at);
				if (c == '>' || c == '/') {
					return;
				}
				if (!spaced) {
					throw malformed();
				}
				name();
				spaces();
				expect("=");
				spaces();
				char quote = this.xml.charAt(this.at);
				if (quote != '"' && quote != '\'') {
					throw malformed();
				}
				this.at++;
				while (this.xml.charAt(this.at) != quote) {
					char v = this.xml.charAt(this.at);
					if (v == '<') {
						throw malformed();
					}
					if (v == '&') {
						reference();
					}
					else {
						this.at++;
					}
				}
				this.at++;
			}
		}

		private String name() {
			int start = this.at;
			while (this.at < this.xml.length() && isNameChar(this.xml.charAt(this.at), this.at == start)) {
				this.at++;
			}
			if (this.at == start) {
				throw malformed();
			}
			return this.xml.substring(start, this.at);
		}

		private void comment() {
			int end = this.xml.indexOf("-->", this.at + 4);
			if (end < 0) {
				throw malformed();
			}
			this.at = end + 3;
		}

		private void processingInstruction() {
			int end = this.xml.indexOf("?>", this.at + 2);
			if (end < 0) {
				throw malformed();
			}
			this.at = end + 2;
		}

		private boolean spaces() {
			int start = this.at;
			while (isSpace(this.xml.charAt(this.at))) {
				this.at++;
			}
			return this.at > start;
		}

		private boolean startsWith(String prefix) {
			return this.xml.startsWith(prefix, this.at);
		}

		private void expect(String text) {
			if (!startsWith(text)) {
				throw malformed();
			}
			this.at += text.length();
		}

		private static boolean isSpace(char c) {
			return c == ' ' || c == '\t' || c == '\n' || c == '\r';
		}

		private static boolean isNameChar(char c, boolean first) {
			if (Character.isLetter(c) || c == '_' || c == ':') {
				return true;
			}
			return !first && (Character.isDigit(c) || c == '-' || c == '.' || c == '\u00B7');
		}

		private static WebhookRejection malformed() {
			return WebhookRejection.badRequest("malformed XML");
		}

	}

	/** A CDATA section holding {@code text}, split around any {@code ]]>} it contains. */
	static String cdata(String text) {
		return "<![CDATA[" + xmlChars(text).replace("]]>", "]]]]><![CDATA[>") + "]]>";
	}

	/** {@code text} without characters XML 1.0 cannot carry (control characters, lone surrogates). */
	static String xmlChars(String text) {
		int first = firstNonXmlChar(text);
		if (first < 0) {
			// nearly always: the text itself, not a copy
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		out.append(text, 0, first);
		for (int i = first; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				out.append(c).append(text.charAt(++i));
			}
			else if (isXmlChar(c)) {
				out.append(c);
			}
		}
		return out.toString();
	}

	/**
	 * XML 1.0's {@code Char}: what a document may carry. A lone surrogate is none (a pair, read as
	 * one code point, is).
	 */
	private static boolean isXmlChar(int codePoint) {
		return codePoint == 0x9 || codePoint == 0xA || codePoint == 0xD || (codePoint >= 0x20 && codePoint <= 0xD7FF)
				|| (codePoint >= 0xE000 && codePoint <= 0xFFFD) || (codePoint >= 0x10000 && codePoint <= 0x10FFFF);
	}

	/** Where the first character XML 1.0 cannot carry is, or -1. */
	private static int firstNonXmlChar(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (isXmlChar(c)) {
				continue;
			}
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
				continue;
			}
			return i;
		}
		return -1;
	}

}

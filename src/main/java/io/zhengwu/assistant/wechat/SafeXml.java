package io.zhengwu.assistant.wechat;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * WeChat's XML in and out, safely. Input: anything with a document type or an entity declaration is
 * refused before parsing, and the StAX parser has DTDs and external entities switched off besides;
 * only the flat children of the root are kept. Output: text goes in CDATA sections, split where it
 * holds {@code ]]>}, with characters XML cannot carry removed.
 */
final class SafeXml {

	private static final XMLInputFactory factory = hardenedFactory();

	private SafeXml() {
	}

	/**
	 * Parses a WeChat XML message into its top-level fields (element name → text). Nested elements
	 * (e.g. {@code ScanCodeInfo}) are skipped.
	 * @throws WebhookRejection (400) for a document type, an entity, or malformed XML
	 */
	static Map<String, String> parse(String xml) {
		refuseDoctypeAndEntities(xml);
		Map<String, String> fields = new LinkedHashMap<>();
		XMLStreamReader reader = null;
		try {
			reader = factory.createXMLStreamReader(new StringReader(xml));
			int depth = 0;
			String field = null;
			StringBuilder text = new StringBuilder();
			while (reader.hasNext()) {
				int event = reader.next();
				switch (event) {
					case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION ->
						throw WebhookRejection.badRequest("XML with a document type or entity");
					case XMLStreamConstants.START_ELEMENT -> {
						depth++;
						if (depth == 2) {
							field = reader.getLocalName();
							text.setLength(0);
						}
					}
					case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
						if (depth == 2) {
							text.append(reader.getText());
						}
					}
					case XMLStreamConstants.END_ELEMENT -> {
						if (depth == 2 && field != null) {
							fields.putIfAbsent(field, text.toString());
							field = null;
						}
						depth--;
					}
					default -> {
					}
				}
			}
			return fields;
		}
		catch (XMLStreamException | RuntimeException ex) {
			if (ex instanceof WebhookRejection rejection) {
				throw rejection;
			}
			throw WebhookRejection.badRequest("malformed XML");
		}
		finally {
			close(reader);
		}
	}

	private static void refuseDoctypeAndEntities(String xml) {
		String upper = xml.toUpperCase(Locale.ROOT);
		if (upper.contains("<!DOCTYPE") || upper.contains("<!ENTITY")) {
			throw WebhookRejection.badRequest("XML with a document type or entity");
		}
	}

	/** A CDATA section holding {@code text}, split around any {@code ]]>} it contains. */
	static String cdata(String text) {
		return "<![CDATA[" + xmlChars(text).replace("]]>", "]]]]><![CDATA[>") + "]]>";
	}

	/** {@code text} without characters XML 1.0 cannot carry (control characters, lone surrogates). */
	static String xmlChars(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				out.append(c).append(text.charAt(++i));
			}
			else if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)) {
				out.append(c);
			}
		}
		return out.toString();
	}

	private static XMLInputFactory hardenedFactory() {
		XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
		factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
		factory.setProperty(XMLInputFactory.IS_COALESCING, true);
		return factory;
	}

	private static void close(XMLStreamReader reader) {
		if (reader != null) {
			try {
				reader.close();
			}
			catch (XMLStreamException ex) {
				// Nothing to release: the reader reads from a String.
			}
		}
	}

}

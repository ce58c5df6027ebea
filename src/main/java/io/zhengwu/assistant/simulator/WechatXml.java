package io.zhengwu.assistant.simulator;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The XML WeChat's servers write and read: a flat {@code <xml>} of fields, strings in CDATA.
 * Parsing refuses any DOCTYPE, so a reply can never make the simulator read a file.
 */
final class WechatXml {

	private static final DocumentBuilderFactory factory = secureFactory();

	private WechatXml() {
	}

	/** A flat {@code <xml>} element; {@link Long} values are written bare, strings in CDATA. */
	static String write(Map<String, ?> fields) {
		StringBuilder xml = new StringBuilder(256).append("<xml>");
		fields.forEach((name, value) -> {
			xml.append('<').append(name).append('>');
			if (value instanceof Number) {
				xml.append(value);
			}
			else {
				// "]]>" cannot appear inside CDATA: close the section around it.
				xml.append("<![CDATA[").append(String.valueOf(value).replace("]]>", "]]]]><![CDATA[>")).append("]]>");
			}
			xml.append("</").append(name).append('>');
		});
		return xml.append("</xml>").toString();
	}

	/**
	 * The top-level fields of a WeChat XML document, and for a news reply its articles.
	 * @throws IllegalArgumentException when it is not well-formed or declares a DOCTYPE
	 */
	static Parsed read(String xml) {
		Element root;
		try {
			DocumentBuilder builder = factory.newDocumentBuilder();
			builder.setErrorHandler(new Strict());
			root = builder.parse(new InputSource(new StringReader(xml))).getDocumentElement();
		}
		catch (ParserConfigurationException | SAXException | IOException ex) {
			throw new IllegalArgumentException("not well-formed WeChat XML: " + ex.getMessage(), ex);
		}
		Map<String, String> fields = new LinkedHashMap<>();
		List<Map<String, String>> articles = new ArrayList<>();
		for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof Element element) {
				if ("Articles".equals(element.getTagName())) {
					for (Node item = element.getFirstChild(); item != null; item = item.getNextSibling()) {
						if (item instanceof Element itemElement) {
							articles.add(children(itemElement));
						}
					}
				}
				else {
					fields.put(element.getTagName(), element.getTextContent());
				}
			}
		}
		return new Parsed(fields, articles);
	}

	private static Map<String, String> children(Element element) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof Element childElement) {
				fields.put(childElement.getTagName(), childElement.getTextContent());
			}
		}
		return fields;
	}

	private static DocumentBuilderFactory secureFactory() {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		try {
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
			factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		}
		catch (ParserConfigurationException ex) {
			throw new IllegalStateException("the JDK's XML parser lacks a security feature", ex);
		}
		factory.setXIncludeAware(false);
		factory.setExpandEntityReferences(false);
		return factory;
	}

	/** Stops at the first error instead of printing it to stderr. */
	private static final class Strict implements ErrorHandler {

		@Override
		public void warning(SAXParseException ex) {
		}

		@Override
		public void error(SAXParseException ex) throws SAXException {
			throw ex;
		}

		@Override
		public void fatalError(SAXParseException ex) throws SAXException {
			throw ex;
		}

	}

	/** A parsed document: its top-level fields and, for a news reply, its articles. */
	record Parsed(Map<String, String> fields, List<Map<String, String>> articles) {

		String field(String name) {
			return this.fields.getOrDefault(name, "");
		}

	}

}

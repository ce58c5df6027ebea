package io.zhengwu.assistant.handoff;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which field of the officers' WeChat template ({@code HANDOFF_TEMPLATE_ID}) carries which part of
 * a new hand-off's notice, as {@code item=field} pairs ({@code HANDOFF_TEMPLATE_FIELDS}). Items:
 * {@code heading}, {@code reason}, {@code waiting} (chats in the queue), {@code time}, {@code remark};
 * an item left out is not sent. The default fits the classic templates
 * ({@code first}, {@code keyword1..3}, {@code remark}); a template from WeChat's category library
 * names its fields by type, e.g. {@code reason=thing1,waiting=character_string2,time=time3}.
 *
 * <p>Since May 2023 WeChat shows neither a template's first line nor its remark, and at most 20
 * characters of a field, on one line: every value is fitted to that, so what the officer reads
 * is chosen here, not cut by WeChat (a bilingual value too long for it keeps its Chinese half).
 */
record OfficerTemplateFields(Map<Item, String> fields) {

	/** The classic template's fields. */
	static final String CLASSIC = "heading=first,reason=keyword1,waiting=keyword2,time=keyword3,remark=remark";

	/** The most characters WeChat shows of a template field. */
	static final int MAX_SHOWN = 20;

	private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

	/** The parts of a notice. */
	enum Item {

		HEADING, REASON, WAITING, TIME, REMARK;

		String key() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	OfficerTemplateFields {
		fields = Map.copyOf(fields);
	}

	/**
	 * Reads {@code item=field,item=field}; blank is the classic template ({@link #CLASSIC}), as an
	 * empty environment variable says nothing.
	 * @throws IllegalArgumentException naming what is wrong: an unknown item, an item or a field
	 * given twice, a field name WeChat would not have, or no item at all
	 */
	static OfficerTemplateFields parse(String mapping) {
		if (mapping.isBlank()) {
			return parse(CLASSIC);
		}
		Map<Item, String> fields = new EnumMap<>(Item.class);
		for (String pair : mapping.split(",")) {
			if (pair.isBlank()) {
				continue;
			}
			int equals = pair.indexOf('=');
			if (equals < 0) {
				throw new IllegalArgumentException("'" + pair.strip() + "' is not item=field (items: " + items() + ")");
			}
			String itemName = pair.substring(0, equals).strip();
			String field = pair.substring(equals + 1).strip();
			Item item = item(itemName);
			if (!FIELD_NAME.matcher(field).matches()) {
				throw new IllegalArgumentException("'" + field + "' is not a template field name (like keyword1 or thing1)");
			}
			if (fields.containsKey(item)) {
				throw new IllegalArgumentException("item '" + itemName + "' is given twice");
			}
			if (fields.containsValue(field)) {
				throw new IllegalArgumentException("field '" + field + "' is given twice");
			}
			fields.put(item, field);
		}
		if (fields.isEmpty()) {
			throw new IllegalArgumentException("no item=field pair (items: " + items() + ")");
		}
		return new OfficerTemplateFields(fields);
	}

	/** The template's data: each mapped item's value under its field, fitted to what WeChat shows. */
	Map<String, String> data(Map<Item, String> values) {
		Map<String, String> data = new LinkedHashMap<>();
		for (Item item : Item.values()) {
			String field = this.fields.get(item);
			String value = values.get(item);
			if (field != null && value != null) {
				data.put(field, fitted(value));
			}
		}
		return data;
	}

	/**
	 * One line of at most {@link #MAX_SHOWN} characters: as it is if it fits; a bilingual
	 * "中文 / བོད་ཡིག" value keeps its Chinese half if that fits; else cut, with an ellipsis.
	 */
	static String fitted(String value) {
		String line = value.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
		if (line.codePointCount(0, line.length()) <= MAX_SHOWN) {
			return line;
		}
		int bilingual = line.indexOf(" / ");
		if (bilingual > 0 && line.codePointCount(0, bilingual) <= MAX_SHOWN) {
			return line.substring(0, bilingual);
		}
		return line.substring(0, line.offsetByCodePoints(0, MAX_SHOWN - 1)) + "…";
	}

	private static Item item(String name) {
		for (Item item : Item.values()) {
			if (item.key().equals(name)) {
				return item;
			}
		}
		throw new IllegalArgumentException("unknown item '" + name + "' (items: " + items() + ")");
	}

	private static String items() {
		return String.join(", ", java.util.Arrays.stream(Item.values()).map(Item::key).toList());
	}

}

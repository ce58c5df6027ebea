package io.zhengwu.assistant.handoff;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.zhengwu.assistant.knowledge.Language;

/**
 * The help window's phone number, from the contact directory {@code knowledge/contacts.yaml}: the
 * first entry that names the prefecture's government service center and has a phone. The number is
 * told as written there (with its "to be confirmed" marker while the center has not confirmed it).
 */
class HelpWindowPhone {

	private static final Log log = LogFactory.getLog(HelpWindowPhone.class);

	private static final List<String> CENTER = List.of("政务服务中心", "便民服务中心");

	private final Path file;

	private volatile Map<Language, String> phones = Map.of();

	HelpWindowPhone(Path file) {
		this.file = file;
	}

	/** Reads the directory. Blocking: call on boundedElastic. */
	void reload() {
		if (!Files.isReadable(this.file)) {
			return;
		}
		try (Reader reader = Files.newBufferedReader(this.file, StandardCharsets.UTF_8)) {
			Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
			find(tree).ifPresent((entry) -> this.phones = Map.of(Language.ZH, phoneOf(entry, "zh"), Language.BO,
					phoneOf(entry, "bo")));
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Contact directory " + this.file + " not read: " + ex.getMessage());
		}
	}

	String phone(Language language) {
		return this.phones.getOrDefault(language, (language == Language.BO) ? "【གཏན་འཁེལ་མེད།】" : "【待确认】");
	}

	private static Optional<Map<?, ?>> find(Object node) {
		if (node instanceof Map<?, ?> map) {
			if (hasPhone(map) && String.valueOf(map).contains("地区") && CENTER.stream().anyMatch(String.valueOf(map)::contains)) {
				return Optional.of(map);
			}
			for (Object value : map.values()) {
				Optional<Map<?, ?>> found = find(value);
				if (found.isPresent()) {
					return found;
				}
			}
		}
		else if (node instanceof List<?> list) {
			for (Object value : list) {
				Optional<Map<?, ?>> found = find(value);
				if (found.isPresent()) {
					return found;
				}
			}
		}
		return Optional.empty();
	}

	private static boolean hasPhone(Map<?, ?> map) {
		return map.containsKey("phone") || map.containsKey("tel");
	}

	private static String phoneOf(Map<?, ?> entry, String language) {
		Object phone = entry.containsKey("phone") ? entry.get("phone") : entry.get("tel");
		if (phone instanceof Map<?, ?> byLanguage) {
			Object text = byLanguage.get(language);
			return String.valueOf((text != null) ? text : byLanguage.values().iterator().next());
		}
		if (phone instanceof List<?> list && !list.isEmpty()) {
			return String.valueOf(list.get(0));
		}
		return String.valueOf(phone);
	}

}

package io.zhengwu.assistant.knowledge;

import java.util.List;
import java.util.Map;

/**
 * Everything read from the knowledge folder that the service publishes: the guides (by id, in id
 * order), the synonym lists, the fixed replies and the help window from the contact directory.
 *
 * @param guides the guides by id
 * @param synonyms Solr-format synonym rules per language, one entry per file
 * @param replies the fixed replies by key
 * @param help the help window citizens are sent to when the bot cannot help (may be null)
 */
record KnowledgeBase(Map<String, Guide> guides, Map<Language, List<SynonymFile>> synonyms,
		Map<String, Bilingual> replies, HelpWindow help) {

	KnowledgeBase {
		guides = Map.copyOf(guides);
		synonyms = Map.copyOf(synonyms);
		replies = Map.copyOf(replies);
	}

	/** One synonyms file: its name (for messages) and its text. */
	record SynonymFile(String name, String text) {
	}

	/**
	 * The help-and-proxy window of the center, from {@code contacts.yaml}.
	 * @param name the window's name
	 * @param phone its phone number (may hold the to-be-confirmed marker)
	 * @param hours when it is staffed
	 */
	record HelpWindow(Bilingual name, String phone, Bilingual hours) {
	}

}

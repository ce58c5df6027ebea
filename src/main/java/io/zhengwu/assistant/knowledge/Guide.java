package io.zhengwu.assistant.knowledge;

import java.time.LocalDate;
import java.util.List;

/**
 * One service guide, as read from {@code knowledge/guides/<id>.yaml}: everything a citizen needs
 * to get one matter done, in both languages.
 */
record Guide(String id, String domain, LocalDate lastReviewed, Bilingual department, Bilingual title,
		Bilingual summary, Bilingual who, List<Material> materials, List<Bilingual> steps, Bilingual timeLimit,
		Bilingual fee, Bilingual window, Bilingual address, Bilingual when, Bilingual online, Bilingual contact,
		Bilingual legalBasis, List<String> related, Phrases questions, Phrases keywords) {

	Guide {
		materials = List.copyOf(materials);
		steps = List.copyOf(steps);
		related = List.copyOf(related);
	}

	/**
	 * A document to bring.
	 * @param name what it is
	 * @param form original, copy, original-and-copy or electronic
	 * @param count how many
	 * @param note optional remark (may be null)
	 */
	record Material(Bilingual name, String form, int count, Bilingual note) {
	}

	/** Short phrases per language: sample questions or keywords. */
	record Phrases(List<String> zh, List<String> bo) {

		Phrases {
			zh = List.copyOf(zh);
			bo = List.copyOf(bo);
		}

		List<String> in(Language language) {
			return (language == Language.BO) ? this.bo : this.zh;
		}

	}

}

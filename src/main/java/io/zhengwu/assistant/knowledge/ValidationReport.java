package io.zhengwu.assistant.knowledge;

import java.util.List;

/**
 * What the checker found in the knowledge folder. Errors stop publication; warnings (a guide of
 * the catalogue not written yet) and facts still to be confirmed do not.
 *
 * @param errors problems that stop the knowledge base from being published
 * @param warnings things worth fixing that do not stop publication
 * @param toBeConfirmed every field still marked 【待确认】 / 【གཏན་འཁེལ་མེད།】
 */
public record ValidationReport(List<Problem> errors, List<Problem> warnings, List<Problem> toBeConfirmed) {

	public ValidationReport {
		errors = List.copyOf(errors);
		warnings = List.copyOf(warnings);
		toBeConfirmed = List.copyOf(toBeConfirmed);
	}

	/** Whether the knowledge base may be published. */
	public boolean ok() {
		return this.errors.isEmpty();
	}

}

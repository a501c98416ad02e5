package io.writebackbatch.definition;

/**
 * A value a definition's record refuses once the whole section is read, naming its field:
 * by then the parser stands at the end of the section, so the loader looks the field's
 * own line up rather than report where the section ends.
 */
final class FieldProblem extends IllegalArgumentException {

	private final String field;

	/**
	 * {@code field} is the dotted path from the top of the definition, e.g.
	 * {@code maxChanges}.
	 */
	FieldProblem(String field, String problem) {
		super(problem);
		this.field = field;
	}

	String field() {
		return field;
	}

}

package io.writebackbatch.matrix;

import java.util.Map;

/**
 * Cells that fail because of a defect in the job, each with what goes wrong. The matrix
 * asserts they still fail, so a fix shows up as a failure that asks for its line here to
 * be removed. Empty is the goal.
 */
final class KnownDefects {

	/** "SCENARIO x COLUMN" to what goes wrong. */
	static final Map<String, String> CELLS = Map.of();

	private KnownDefects() {
	}

	static String key(Scenario scenario, Column column) {
		return scenario.name() + " x " + column.name();
	}

}

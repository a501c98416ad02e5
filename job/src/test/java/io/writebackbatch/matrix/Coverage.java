package io.writebackbatch.matrix;

import java.util.List;
import java.util.Locale;

/**
 * Which cells a run of the matrix runs. {@code full} (system property
 * {@code writeback.matrix=full}): every command under every column. {@code quick} (the
 * default test run, which has a time budget): every command under a kind Graph and under
 * the mixed soak, and each single fault under one command, the commands taken in turn
 * down the faults, so every fault and every command is met and the pairing spreads.
 */
enum Coverage {

	QUICK, FULL;

	static Coverage current() {
		return valueOf(System.getProperty("writeback.matrix", "quick").toUpperCase(Locale.ROOT));
	}

	boolean runs(Scenario scenario, Column column) {
		if (this == FULL || column.equals(Column.KIND) || column.equals(Column.SOAK)) {
			return true;
		}
		List<Column> columns = Column.all();
		int single = columns.indexOf(column) - 1; // the first column is the kind one
		return Scenario.values()[single % Scenario.values().length] == scenario;
	}

}

package io.writebackbatch.matrix;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.Unkindness;

/**
 * A column of the matrix: Graph at its kindest (the baseline), one {@link Unkindness} at
 * a time, or all of them at once (the mixed soak). Enumerated from the simulator's
 * {@link Unkindness}, so a new fault adds a column.
 */
record Column(String name, Set<Unkindness> faults) {

	static final Column KIND = new Column("none", EnumSet.noneOf(Unkindness.class));

	static final Column SOAK = new Column("mixed soak", EnumSet.allOf(Unkindness.class));

	static List<Column> all() {
		List<Column> columns = new ArrayList<>();
		columns.add(KIND);
		for (Unkindness u : Unkindness.values()) {
			columns.add(new Column(u.name(), EnumSet.of(u)));
		}
		columns.add(SOAK);
		return columns;
	}

	boolean has(Unkindness u) {
		return faults.contains(u);
	}

	void select(GraphSimulator sim) {
		faults.forEach(u -> u.select(sim));
	}

	@Override
	public String toString() {
		return name;
	}

}

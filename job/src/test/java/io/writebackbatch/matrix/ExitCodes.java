package io.writebackbatch.matrix;

import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

import io.writebackbatch.simulator.Unkindness;

/**
 * The exit codes the failure model allows for a command under a column's faults: 0 when
 * the job can do its work anyway, 3 when Graph failed for now (a retry continues), 2 when
 * a person must fix something (a missing permission). Never 1.
 */
final class ExitCodes {

	/**
	 * Faults a run must see through and end 0: someone else's changes, lagging reads, a
	 * refused filter (the nightly lists everything that night instead).
	 */
	static final Set<Unkindness> SEEN_THROUGH = EnumSet.of(Unkindness.READ_LAG, Unkindness.CREATED_SINCE_REFUSED,
			Unkindness.GROUPS_DELETED_BY_OTHERS, Unkindness.GROUPS_CREATED_BY_OTHERS);

	private ExitCodes() {
	}

	static Set<Integer> allowed(Scenario scenario, Column column) {
		Set<Integer> codes = new TreeSet<>();
		codes.add(0);
		for (Unkindness u : column.faults()) {
			if (u == Unkindness.NO_SETTINGS_PERMISSION) {
				if (scenario.changesSetting()) {
					codes.add(2);
					codes.remove(0);
				}
			}
			else if (u == Unkindness.ROLE_ASSIGNABLE_GROUPS) {
				if (scenario != Scenario.PLAN) {
					codes.add(2);
				}
			}
			else if (!SEEN_THROUGH.contains(u)) {
				codes.add(3);
			}
		}
		if (column.has(Unkindness.NO_SETTINGS_PERMISSION) && scenario.changesSetting()) {
			codes.remove(0);
		}
		return codes;
	}

}

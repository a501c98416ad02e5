package io.writebackbatch.plan;

import java.util.Optional;

import io.writebackbatch.domain.PlannedGroup;
import io.writebackbatch.runs.RunContext;
import io.writebackbatch.staging.StagedGroup;

/**
 * Decides, for one staged group, whether the run changes it and why. Which rules apply is
 * a fact of the run, chosen once: a reviewed plan carried out
 * ({@link PlannedChangeRules}), a rollback ({@link RollbackRules}) or a definition's own
 * selection ({@link PlanRules}).
 */
public interface GroupRules {

	PlannedGroup decide(StagedGroup group);

	/**
	 * The rules of run {@code run}; {@code earlierRow} finds a group's row in an earlier
	 * run (the plan carried out, or the run undone).
	 */
	static GroupRules of(RunContext run, EarlierRows earlierRow) {
		Long plan = run.appliesPlan();
		if (plan != null) {
			return new PlannedChangeRules(plan, run.force(), id -> earlierRow.find(plan, id));
		}
		Long original = run.rollbackOf();
		if (original != null) {
			return new RollbackRules(original, run.force(), id -> earlierRow.find(original, id));
		}
		return new PlanRules(run.requireDefinition());
	}

	/** A group's row in an earlier run, if it had one. */
	@FunctionalInterface
	interface EarlierRows {

		Optional<StagedGroup> find(long runId, String groupId);

	}

}

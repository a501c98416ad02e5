package io.writebackbatch.plan;

import java.util.Optional;

import io.writebackbatch.domain.PlannedGroup;
import io.writebackbatch.runs.RunContext;
import io.writebackbatch.staging.StagedGroup;

/**
 * Decides, for one staged group, whether the run changes it and why. Which rules apply is a fact of the run, chosen
 * once: a reviewed plan carried out ({@link PlannedChangeRules}), a rollback ({@link RollbackRules}) or a
 * definition's own selection ({@link PlanRules}).
 */
public interface GroupRules {

	PlannedGroup decide(StagedGroup group);

	/**
	 * The rules of run {@code run}; {@code earlierRow} finds a group's row in an earlier run (the plan carried out, or
	 * the run undone).
	 */
	static GroupRules of(RunContext run, EarlierRows earlierRow) {
		if (run.carriesOutAPlan()) {
			long plan = run.appliesPlan();
			return new PlannedChangeRules(plan, run.force(), id -> earlierRow.find(plan, id));
		}
		if (run.isRollback()) {
			long original = run.rollbackOf();
			return new RollbackRules(original, run.force(), id -> earlierRow.find(original, id));
		}
		return new PlanRules(run.definition());
	}

	/** A group's row in an earlier run, if it had one. */
	@FunctionalInterface
	interface EarlierRows {

		Optional<StagedGroup> find(long runId, String groupId);
	}
}

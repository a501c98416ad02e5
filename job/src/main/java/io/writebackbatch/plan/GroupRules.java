package io.writebackbatch.plan;

import java.util.Optional;

import io.writebackbatch.domain.PlannedGroup;
import io.writebackbatch.domain.ReasonCode;
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

	/**
	 * The rule every decision about a group's writeback shares, whoever asks (a plan, or
	 * {@code apply --plan} judging its re-read, {@code --force} or not): a group synced
	 * from on-premises AD is not a cloud group and is never written.
	 */
	static Optional<PlannedGroup> notACloudGroup(StagedGroup group) {
		return group.onPremisesSync()
				? Optional.of(PlannedChanges.skip(group.groupId(), ReasonCode.ON_PREMISES_MASTERED,
						"synced from on-premises AD (onPremisesSyncEnabled): not a cloud group, not written back"))
				: Optional.empty();
	}

	/** A group's row in an earlier run, if it had one. */
	@FunctionalInterface
	interface EarlierRows {

		Optional<StagedGroup> find(long runId, String groupId);

	}

}

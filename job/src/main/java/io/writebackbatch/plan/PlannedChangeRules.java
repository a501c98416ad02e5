package io.writebackbatch.plan;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import io.writebackbatch.domain.Decision;
import io.writebackbatch.domain.EffectiveWriteback;
import io.writebackbatch.domain.PlannedGroup;
import io.writebackbatch.domain.ReasonCode;
import io.writebackbatch.domain.Writeback;
import io.writebackbatch.staging.StagedGroup;

/**
 * Decides, for one group of a reviewed plan's change set ({@code apply --plan}), whether
 * it still gets the planned change: only if its writeback state is still the one the plan
 * saw. A group changed since is drift: reported and left alone unless forced.
 */
public record PlannedChangeRules(long planRun, boolean force,
		Function<String, Optional<StagedGroup>> plannedRows) implements GroupRules {

	@Override
	public PlannedGroup decide(StagedGroup current) {
		return decide(current, plannedRows.apply(current.groupId()).orElseThrow());
	}

	/**
	 * @param planned the group's row in the plan run (a planned change)
	 */
	PlannedGroup decide(StagedGroup current, StagedGroup planned) {
		Optional<PlannedGroup> notACloudGroup = GroupRules.notACloudGroup(current);
		if (notACloudGroup.isPresent()) {
			return notACloudGroup.get();
		}
		String id = current.groupId();
		Writeback now = current.previous();
		Writeback target = Objects.requireNonNull(planned.target(), "a planned change has a target");
		if (now.equals(planned.previous())) {
			return new PlannedGroup(id, Decision.CHANGE, ReasonCode.WILL_CHANGE,
					"as planned in run " + planRun + ": " + planned.reason(), target);
		}
		String drift = "changed since plan " + planRun + " (planned from "
				+ EffectiveWriteback.describeRaw(planned.previous()) + ", now " + EffectiveWriteback.describeRaw(now)
				+ ")";
		if (!force) {
			return PlannedChanges.skip(id, ReasonCode.DRIFTED_SINCE_PLAN,
					drift + "; left alone, use --force to apply the planned state anyway");
		}
		if (now.patchedWith(target).equals(now)) {
			return PlannedChanges.skip(id, ReasonCode.ALREADY_DESIRED, drift + "; already in the planned state");
		}
		return new PlannedGroup(id, Decision.CHANGE, ReasonCode.FORCED_OVER_DRIFT,
				drift + "; planned state applied anyway (--force)", target);
	}
}

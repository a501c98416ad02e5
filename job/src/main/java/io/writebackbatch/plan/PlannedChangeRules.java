package io.writebackbatch.plan;

import java.util.Objects;

import io.writebackbatch.domain.Decision;
import io.writebackbatch.domain.EffectiveWriteback;
import io.writebackbatch.domain.PlannedGroup;
import io.writebackbatch.domain.ReasonCode;
import io.writebackbatch.domain.Writeback;
import io.writebackbatch.staging.StagedGroup;

/**
 * Decides, for one group of a reviewed plan's change set ({@code apply --plan}), whether it still gets the planned
 * change: only if its writeback state is still the one the plan saw. A group changed since is drift: reported and
 * left alone unless forced.
 */
public final class PlannedChangeRules {

	private final long planRun;

	private final boolean force;

	public PlannedChangeRules(long planRun, boolean force) {
		this.planRun = planRun;
		this.force = force;
	}

	/** @param planned the group's row in the plan run (a planned change) */
	public PlannedGroup decide(StagedGroup current, StagedGroup planned) {
		String id = current.groupId();
		Writeback now = current.previous();
		Writeback target = Objects.requireNonNull(planned.target(), "a planned change has a target");
		if (now.equals(planned.previous())) {
			return new PlannedGroup(id, Decision.CHANGE, ReasonCode.WILL_CHANGE, "as planned in run " + planRun
					+ ": " + planned.reason(), target);
		}
		String drift = "changed since plan " + planRun + " (planned from " + EffectiveWriteback.describeRaw(planned.previous())
				+ ", now " + EffectiveWriteback.describeRaw(now) + ")";
		if (!force) {
			return new PlannedGroup(id, Decision.SKIP, ReasonCode.DRIFTED_SINCE_PLAN,
					drift + "; left alone, use --force to apply the planned state anyway", null);
		}
		if (now.patchedWith(target).equals(now)) {
			return new PlannedGroup(id, Decision.SKIP, ReasonCode.ALREADY_DESIRED,
					drift + "; already in the planned state", null);
		}
		return new PlannedGroup(id, Decision.CHANGE, ReasonCode.WILL_CHANGE,
				drift + "; planned state applied anyway (--force)", target);
	}
}

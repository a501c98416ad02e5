package io.writebackbatch.plan;

import io.writebackbatch.domain.Decision;
import io.writebackbatch.domain.PlannedGroup;
import io.writebackbatch.domain.ReasonCode;
import io.writebackbatch.domain.Writeback;
import io.writebackbatch.graph.GraphPermissions;
import io.writebackbatch.staging.StagedGroup;

/** The plan's two verdicts, as every set of rules words them. */
final class PlannedChanges {

	private PlannedChanges() {
	}

	static PlannedGroup skip(String groupId, ReasonCode code, String reason) {
		return new PlannedGroup(groupId, Decision.SKIP, code, reason, null);
	}

	/**
	 * A planned change, with its own reason code when the group is role-assignable (its
	 * update needs more permission).
	 */
	static PlannedGroup change(StagedGroup group, String reason, Writeback target) {
		if (group.roleAssignable()) {
			return new PlannedGroup(group.groupId(), Decision.CHANGE, ReasonCode.WILL_CHANGE_ROLE_ASSIGNABLE,
					reason + "; role-assignable group: " + GraphPermissions.ROLE_ASSIGNABLE_ADVICE
							+ " (Graph answers 403 otherwise)",
					target);
		}
		return new PlannedGroup(group.groupId(), Decision.CHANGE, ReasonCode.WILL_CHANGE, reason, target);
	}

}

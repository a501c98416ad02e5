package io.writebackbatch.onprem;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link OnPremKitWriter} needs to write the on-premises runbook kit of one run.
 *
 * @param runId the job's run id; the README tells the admin to roll back with
 * {@code rollback --run <runId>}
 * @param definitionName the name of the run's definition, shown in the README and the
 * scripts
 * @param outputDirectory the folder to write into; created if missing, must not already
 * hold a kit
 * @param syncRulePrecedence precedence of the custom delete rule on the Entra Connect
 * server, 0 to 99: Microsoft's procedure asks for a unique value in [0-99]; 100 and above
 * belong to the built-in rules
 * @param liftMemberLimit whether to include the script that disables "Out to AD - Group
 * Writeback Member Limit"
 * @param groups the groups this run disabled writeback on (may be empty, never null)
 */
public record OnPremKitRequest(long runId, String definitionName, Path outputDirectory, int syncRulePrecedence,
		boolean liftMemberLimit, List<DisabledGroup> groups) {

	/** Lowest precedence Microsoft's procedure accepts for the custom delete rule. */
	public static final int MIN_PRECEDENCE = 0;

	/**
	 * Highest precedence for a custom rule; the built-in Entra Connect rules start at
	 * 100.
	 */
	public static final int MAX_PRECEDENCE = 99;

	public OnPremKitRequest {
		if (runId <= 0) {
			throw new IllegalArgumentException("runId must be positive, was " + runId);
		}
		Objects.requireNonNull(definitionName, "definitionName");
		if (definitionName.isBlank()) {
			throw new IllegalArgumentException("definitionName must not be blank");
		}
		Objects.requireNonNull(outputDirectory, "outputDirectory");
		if (syncRulePrecedence < MIN_PRECEDENCE || syncRulePrecedence > MAX_PRECEDENCE) {
			throw new IllegalArgumentException("Sync rule precedence must be between " + MIN_PRECEDENCE + " and "
					+ MAX_PRECEDENCE + " (custom Entra Connect sync rules use values below 100; 100 and above"
					+ " belong to the built-in rules), and unique on the Entra Connect server; was "
					+ syncRulePrecedence);
		}
		Objects.requireNonNull(groups, "groups");
		for (int i = 0; i < groups.size(); i++) {
			if (groups.get(i) == null) {
				throw new IllegalArgumentException("groups[" + i + "] is null");
			}
		}
		groups = List.copyOf(groups);
	}
}

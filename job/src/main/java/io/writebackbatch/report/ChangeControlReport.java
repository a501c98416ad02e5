package io.writebackbatch.report;

import java.time.Instant;
import java.util.List;

import io.writebackbatch.staging.ChangeControlRepository.RevertedGroup;
import org.jspecify.annotations.Nullable;

/**
 * The change-control part of a run's report (summary.json {@code changeControl}).
 *
 * @param inventory FULL, INCREMENTAL or PLANNED_GROUPS, with {@code inventoryReason}
 * saying why
 * @param plan this plan run's sealed change set (plan runs of a definition only)
 * @param appliedPlan the reviewed plan this run carried out ({@code apply --plan} only)
 * @param driftedSincePlan planned groups whose writeback changed since the plan (left
 * alone unless --force)
 * @param forcedOverDrift of those, the ones {@code --force} changed to the planned state
 * anyway
 * @param deletedSincePlan planned groups deleted since the plan
 * @param reverted groups turned back since the definition's last completed apply (null:
 * nothing to compare with)
 */
public record ChangeControlReport(@Nullable String inventory, @Nullable String inventoryReason, @Nullable Plan plan,
		@Nullable Plan appliedPlan, long driftedSincePlan, long forcedOverDrift, List<String> deletedSincePlan,
		@Nullable Reverted reverted) {

	/**
	 * @param plannedBy the operating-system user who ran 'plan', when known
	 */
	public record Plan(long runId, String digest, long changes, Instant plannedAt, @Nullable String plannedBy) {
	}

	/**
	 * @param groups up to 5,000 of them; {@code count} is the total
	 */
	public record Reverted(long sinceRun, long count, List<RevertedGroup> groups) {
	}
}

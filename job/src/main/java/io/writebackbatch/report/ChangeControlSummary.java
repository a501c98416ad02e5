package io.writebackbatch.report;

import java.util.List;
import java.util.Map;

import io.writebackbatch.domain.ReasonCode;
import io.writebackbatch.runs.RunHistory;
import io.writebackbatch.runs.RunParameters;
import io.writebackbatch.staging.ChangeControlRepository.PlanSeal;
import io.writebackbatch.staging.ChangeControlRepository;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/** Puts together the change-control part of a run's report from what the run recorded. */
@Component
public class ChangeControlSummary {

	private final ChangeControlRepository repository;

	/**
	 * The report lists at most this many groups turned back; the count covers them all.
	 */
	static final int REVERTED_LISTED = 5000;

	public ChangeControlSummary(ChangeControlRepository repository) {
		this.repository = repository;
	}

	/**
	 * @param forcedOverDrift planned groups changed since the plan whose planned state
	 * {@code --force} wrote anyway: drift too, counted in {@code driftedSincePlan}
	 */
	public ChangeControlReport summarize(JobExecution run, Map<String, Long> skippedByReason, long forcedOverDrift) {
		long runId = RunHistory.runId(run);
		var inventory = repository.inventory(runId);
		Long planRun = run.getJobParameters().getLong(RunParameters.APPLIES_PLAN);
		boolean isPlan = "plan".equals(run.getJobParameters().getString(RunParameters.MODE));
		ChangeControlReport.Plan plan = isPlan ? repository.seal(runId).map(ChangeControlSummary::plan).orElse(null)
				: null;
		ChangeControlReport.Plan applied = planRun == null ? null
				: repository.seal(planRun).map(ChangeControlSummary::plan).orElse(null);
		boolean reread = run.getStepExecutions()
			.stream()
			.anyMatch(s -> "plannedGroups".equals(s.getStepName()) && s.getStatus() == BatchStatus.COMPLETED);
		List<String> deleted = planRun != null && reread ? repository.plannedButGone(planRun, runId) : List.of();
		return new ChangeControlReport(inventory.map(i -> i.kind().name()).orElse(null),
				inventory.map(ChangeControlRepository.RunInventory::reason).orElse(null), plan, applied,
				skippedByReason.getOrDefault(ReasonCode.DRIFTED_SINCE_PLAN.name(), 0L) + forcedOverDrift,
				forcedOverDrift, deleted,
				repository.reverted(runId, REVERTED_LISTED)
					.map(f -> new ChangeControlReport.Reverted(f.sinceRun(), f.count(), f.groups()))
					.orElse(null));
	}

	private static ChangeControlReport.Plan plan(PlanSeal seal) {
		return new ChangeControlReport.Plan(seal.runId(), seal.digest(), seal.changes(), seal.plannedAt(),
				seal.plannedBy());
	}

}

package io.writebackbatch.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;

import io.writebackbatch.domain.Decision;
import io.writebackbatch.domain.ReasonCode;
import io.writebackbatch.runs.RunHistory;
import io.writebackbatch.runs.RunKey;
import io.writebackbatch.runs.RunParameters;
import io.writebackbatch.staging.DecisionTally;
import io.writebackbatch.staging.SettingChangeRepository;
import io.writebackbatch.staging.StagingRepository;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.stereotype.Component;

/** Sums up one run from its execution and its staging rows. */
@Component
public class RunSummaries {

	/**
	 * Entra Connect writes back groups up to this many members with its default rule...
	 */
	static final long MEMBER_LIMIT = 50_000;

	/** ...and never beyond this many, even with that rule disabled. */
	static final long MEMBER_HARD_LIMIT = 250_000;

	private final StagingRepository staging;

	private final SettingChangeRepository settingChanges;

	private final ChangeControlSummary changeControl;

	private final RunHistory history;

	RunSummaries(StagingRepository staging, SettingChangeRepository settingChanges, ChangeControlSummary changeControl,
			RunHistory history) {
		this.staging = staging;
		this.settingChanges = settingChanges;
		this.changeControl = changeControl;
		this.history = history;
	}

	/**
	 * The summary, with {@code status} in place of the execution's own (which is STARTED
	 * while the report step runs); a run given a finished status has ended now if its
	 * execution does not say when yet.
	 */
	public RunReport summarize(JobExecution execution, BatchStatus status) {
		long runId = execution.getJobInstance().getInstanceId();
		Counts counts = new Counts();
		staging.tally(runId).forEach(counts::add);
		Instant started = toInstant(execution.getStartTime());
		Instant ended = toInstant(execution.getEndTime());
		if (ended == null && !status.isRunning()) {
			ended = Instant.now();
		}
		JobParameters params = execution.getJobParameters();
		long[] members = staging.memberCountTally(runId, MEMBER_LIMIT, MEMBER_HARD_LIMIT);
		String newGroupDefault = settingChanges.find(runId)
			.map(c -> c.decision() + ": " + c.reason() + (c.outcome() == null ? "" : " [" + c.outcome() + "]"))
			.orElse("unchanged (not requested)");
		String exit = status == execution.getStatus() ? execution.getExitStatus().getExitCode() : status.name();
		return new RunReport(RunReport.SCHEMA_VERSION, runId, params.getString(RunParameters.DEFINITION_NAME),
				params.getString(RunParameters.DEFINITION), params.getString(RunParameters.MODE), status.name(), exit,
				started, ended,
				started == null ? Duration.ZERO : Duration.between(started, ended == null ? Instant.now() : ended),
				RunOrigin.of(execution), params.getLong(RunParameters.ROLLBACK_OF),
				history.undoneBy(execution).orElse(null), staging.countGroups(runId), counts.change, counts.skip,
				counts.skippedByReason, counts.updated, counts.notFound, counts.failed, counts.pending, newGroupDefault,
				new RunReport.MemberAudit(members[0], members[1], members[2]),
				changeControl.summarize(execution, counts.skippedByReason, counts.forcedOverDrift),
				RunKey.tenant(execution)
					.map(tenant -> new RunReport.TenantRef(tenant.id().value(), tenant.cloud().label()))
					.orElse(null));
	}

	private static @Nullable Instant toInstant(@Nullable LocalDateTime time) {
		return time == null ? null : time.atZone(ZoneId.systemDefault()).toInstant();
	}

	/**
	 * The tally of (decision, reason code, outcome) rows folded into the summary's
	 * counts.
	 */
	private static final class Counts {

		long change, skip, updated, notFound, failed, pending, forcedOverDrift;

		final Map<String, Long> skippedByReason = new TreeMap<>();

		void add(DecisionTally row) {
			long n = row.groups();
			if (row.decision() == Decision.CHANGE) {
				change += n;
				if (row.reasonCode() == ReasonCode.FORCED_OVER_DRIFT) {
					forcedOverDrift += n;
				}
				if (row.outcome() == null) {
					pending += n;
					return;
				}
				switch (row.outcome()) {
					case UPDATED -> updated += n;
					case NOT_FOUND -> notFound += n;
					case FAILED -> failed += n;
				}
			}
			else if (row.decision() == Decision.SKIP) {
				skip += n;
				skippedByReason.merge(String.valueOf(row.reasonCode()), n, Long::sum);
			}
		}

	}

}

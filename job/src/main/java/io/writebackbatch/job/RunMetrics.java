package io.writebackbatch.job;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import io.writebackbatch.domain.RunMode;
import io.writebackbatch.ops.GracefulShutdown;
import io.writebackbatch.ops.RunPushgateway;
import io.writebackbatch.report.ReportWriter;
import io.writebackbatch.report.RunReport;
import io.writebackbatch.ops.RunLogContext;
import io.writebackbatch.runs.RunParameters;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Run-level meters for alerting, tagged with the run's labels ({@link #runTags}): the
 * {@code mode} (plan, apply), the {@code definition} (its name), the {@code operation}
 * (writeback, or rollback for a rollback, whose definition is "rollback of run N (name)")
 * and the {@code command} that started it ({@code scheduled} for the nightly,
 * {@code apply}, {@code resume}, {@code plan}, {@code rollback}), so an alert on the
 * nightly selects exactly its runs:
 * <ul>
 * <li>{@code writeback.run.start.timestamp} gauge, when the run started (seconds since
 * the epoch): Prometheus {@code writeback_run_start_timestamp_seconds};</li>
 * <li>{@code writeback.run} counter, tag {@code status} (COMPLETED, FAILED, STOPPED):
 * {@code writeback_run_total};</li>
 * <li>{@code writeback.run.last.success.timestamp} gauge, only when the run COMPLETED:
 * {@code writeback_run_last_success_timestamp_seconds};</li>
 * <li>{@code writeback.run.failed.groups} gauge, groups whose change failed, only when
 * the run COMPLETED: {@code writeback_run_failed_groups};</li>
 * <li>{@code writeback.run.pending.changes} gauge, planned changes not applied when the
 * run ended: {@code writeback_run_pending_changes};</li>
 * <li>{@code writeback.run.applied.changes} gauge, in apply mode, changes this invocation
 * sent (a resumed run counts only its own): {@code writeback_run_applied_changes};</li>
 * <li>{@code writeback.run.last.progress.timestamp} gauge, when a run that COMPLETED, or
 * paused at {@code writeback.apply.max-duration} after sending changes, ended: a first
 * run spanning nights is healthy while this moves
 * ({@code writeback_run_last_progress_timestamp_seconds}).</li>
 * </ul>
 * When the run starts, the Pushgateway export ({@link RunPushgateway}) is given the same
 * labels as its grouping key. Every meter carries {@code tenant}, the run's tenant id, so
 * alerts group by tenant: one tenant's success never hides another's failure.
 */
@Component
public class RunMetrics implements JobExecutionListener {

	/** The step that sends the changes (ApplyStepConfiguration). */
	private static final String APPLY_STEP = "apply";

	private final MeterRegistry meters;

	private final RunPushgateway pushgateway;

	private final ReportWriter reports;

	private final String command;

	private final AtomicLong started = new AtomicLong();

	private final AtomicLong lastSuccess = new AtomicLong();

	private final AtomicLong failedGroups = new AtomicLong();

	private final AtomicLong pendingChanges = new AtomicLong();

	private final AtomicLong appliedChanges = new AtomicLong();

	private final AtomicLong lastProgress = new AtomicLong();

	private final GracefulShutdown shutdown;

	public RunMetrics(MeterRegistry meters, RunPushgateway pushgateway, ReportWriter reports, GracefulShutdown shutdown,
			@Value("${" + RunParameters.COMMAND_PROPERTY + ":unknown}") String command) {
		this.shutdown = shutdown;
		this.meters = meters;
		this.pushgateway = pushgateway;
		this.reports = reports;
		this.command = command;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		Tags tags = runTags(execution);
		started.set(Instant.now().getEpochSecond());
		gauge("writeback.run.start.timestamp", "when the run started (seconds since the epoch)", started, tags);
		pushgateway.start("writeback.run.start.timestamp", tags);
	}

	@Override
	public void afterJob(JobExecution execution) {
		Tags tags = runTags(execution);
		Counter.builder("writeback.run")
			.description("runs that ended, by status")
			.tags(tags)
			.tag("status", execution.getStatus().name())
			.register(meters)
			.increment();
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			lastSuccess.set(Instant.now().getEpochSecond());
			gauge("writeback.run.last.success.timestamp",
					"when the last run that COMPLETED ended (seconds since the epoch)", lastSuccess, tags);
		}
		progress(execution, tags);
		try {
			RunReport summary = reports.summarize(execution);
			pendingChanges.set(summary.pending());
			if (execution.getStatus() == BatchStatus.COMPLETED) {
				// a run that did not complete is reported by its status; this counts what
				// a
				// run that exited 0 left undone
				failedGroups.set(summary.failed());
				gauge("writeback.run.failed.groups", "groups whose change failed in the last run that completed",
						failedGroups, tags);
			}
			gauge("writeback.run.pending.changes", "planned changes not yet applied when the run ended", pendingChanges,
					tags);
		}
		catch (RuntimeException e) {
			// the job repository failed under the run: the run's status is pushed without
			// the counts
			LoggerFactory.getLogger(RunMetrics.class)
				.warn("metrics: the run's failed and pending counts are not reported ({})", e.getMessage());
		}
	}

	/**
	 * What this invocation of an apply got done: a run that completed, or paused after
	 * sending changes, made progress; one that paused having sent none did not.
	 */
	private void progress(JobExecution execution, Tags tags) {
		if (!RunMode.APPLY.parameterValue().equals(execution.getJobParameters().getString(RunParameters.MODE))) {
			return;
		}
		long applied = execution.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().equals(APPLY_STEP))
			.mapToLong(StepExecution::getWriteCount)
			.sum();
		appliedChanges.set(applied);
		gauge("writeback.run.applied.changes", "changes this invocation of the run sent", appliedChanges, tags);
		if (execution.getStatus() == BatchStatus.COMPLETED || (shutdown.paused(execution) && applied > 0)) {
			lastProgress.set(Instant.now().getEpochSecond());
			gauge("writeback.run.last.progress.timestamp",
					"when the last run that completed, or paused after sending changes, ended (seconds since the epoch)",
					lastProgress, tags);
		}
	}

	/** The labels of every run meter, and the Pushgateway's grouping key. */
	private Tags runTags(JobExecution execution) {
		String definition = String.valueOf(execution.getJobParameters().getString(RunParameters.DEFINITION_NAME));
		String mode = String.valueOf(execution.getJobParameters().getString(RunParameters.MODE));
		String operation = execution.getJobParameters().getLong(RunParameters.ROLLBACK_OF) != null ? "rollback"
				: "writeback";
		String tenant = String.valueOf(execution.getJobParameters().getString(RunParameters.TENANT_ID));
		return Tags.of("mode", mode, "definition", definition, "operation", operation, "command", command,
				RunLogContext.TENANT, tenant);
	}

	private void gauge(String name, String description, AtomicLong value, Tags tags) {
		Gauge.Builder<AtomicLong> gauge = Gauge.builder(name, value, AtomicLong::doubleValue)
			.description(description)
			.tags(tags);
		if (name.endsWith(".timestamp")) {
			gauge.baseUnit("seconds");
		}
		gauge.register(meters);
	}

}

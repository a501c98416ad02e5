package io.writebackbatch.job;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import io.writebackbatch.ops.RunLogContext;
import io.writebackbatch.runs.RunParameters;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Run-level meters for alerting, recorded when a run ends and pushed with the rest when
 * the command exits:
 * <ul>
 * <li>{@code writeback.run} counter, tags {@code status} (COMPLETED, FAILED, STOPPED),
 * {@code mode} (plan, apply), {@code definition} (the definition's name),
 * {@code operation}: Prometheus {@code writeback_run_total};</li>
 * <li>{@code writeback.run.last.success.timestamp} gauge in seconds since the epoch, tags
 * {@code mode}, {@code definition} and {@code operation}, only when the run COMPLETED:
 * Prometheus {@code writeback_run_last_success_timestamp_seconds}.</li>
 * </ul>
 * Both carry {@code tenant}, the run's tenant id, so alerts can group by tenant: one
 * tenant's success never hides another's failure. {@code operation} is {@code writeback}
 * for a run of a definition and {@code rollback} for a rollback (whose {@code definition}
 * is "rollback of run N (name)"), so an alert on the nightly definition's last success
 * can select exactly its runs.
 */
@Component
public class RunMetrics implements JobExecutionListener {

	private final MeterRegistry meters;

	private final AtomicLong lastSuccess = new AtomicLong();

	public RunMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	@Override
	public void afterJob(JobExecution execution) {
		String definition = String.valueOf(execution.getJobParameters().getString(RunParameters.DEFINITION_NAME));
		String mode = String.valueOf(execution.getJobParameters().getString(RunParameters.MODE));
		String operation = execution.getJobParameters().getLong(RunParameters.ROLLBACK_OF) != null ? "rollback"
				: "writeback";
		String tenant = String.valueOf(execution.getJobParameters().getString(RunParameters.TENANT_ID));
		Counter.builder("writeback.run")
			.description("runs that ended, by status")
			.tags("status", execution.getStatus().name(), "mode", mode, "definition", definition, "operation",
					operation, RunLogContext.TENANT, tenant)
			.register(meters)
			.increment();
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			LocalDateTime end = execution.getEndTime() != null ? execution.getEndTime() : LocalDateTime.now();
			lastSuccess.set(end.atZone(ZoneId.systemDefault()).toEpochSecond());
			Gauge.builder("writeback.run.last.success.timestamp", lastSuccess, AtomicLong::doubleValue)
				.description("when the last run that COMPLETED ended (seconds since the epoch)")
				.baseUnit("seconds")
				.tags("mode", mode, "definition", definition, "operation", operation, RunLogContext.TENANT, tenant)
				.register(meters);
		}
	}

}

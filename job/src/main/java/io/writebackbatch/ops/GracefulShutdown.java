package io.writebackbatch.ops;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Knows the run in progress and stops it on request (SIGTERM): {@link JobOperator#stop} marks it STOPPING, the
 * running step ends at its next chunk boundary (the apply step's in-flight batches settle and are recorded first),
 * and the execution ends STOPPED, restartable, with its partial report written. The JVM shutdown hook that calls
 * {@link #requestStop()} and waits is installed by the CLI around each command.
 */
@Component
public class GracefulShutdown implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

	private final JobOperator operator;

	private final Duration gracePeriod;

	private volatile @Nullable JobExecution current;

	private volatile boolean stopRequested;

	private volatile boolean stopSent;

	public GracefulShutdown(@Lazy JobOperator operator,
			@Value("${writeback.shutdown.grace-period:25s}") Duration gracePeriod) {
		this.operator = operator;
		this.gracePeriod = gracePeriod;
	}

	/** How long a stop may take before the process exits anyway (env WRITEBACK_SHUTDOWN_GRACE_PERIOD). */
	public Duration gracePeriod() {
		return gracePeriod;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		current = execution;
		stopSent = false;
		if (stopRequested) {
			requestStop();
		}
	}

	@Override
	public void afterJob(JobExecution execution) {
		current = null;
	}

	/** True once a stop was asked for (SIGTERM): the process is on its way out and does nothing optional. */
	public boolean stopRequested() {
		return stopRequested;
	}

	/** Asks the run in progress (now, or as soon as one starts) to stop at its next chunk boundary. Idempotent. */
	public synchronized void requestStop() {
		stopRequested = true;
		JobExecution execution = current;
		if (execution == null || stopSent) {
			return;
		}
		BatchStatus status = execution.getStatus();
		if (status != BatchStatus.STARTED && status != BatchStatus.STARTING) {
			return;
		}
		stopSent = true;
		log.warn("stop requested (SIGTERM): run {} stops at its next chunk boundary; in-flight Graph requests settle "
				+ "and are recorded first (grace period {}s)", execution.getJobInstance().getInstanceId(), gracePeriod.toSeconds());
		try {
			operator.stop(execution);
		}
		catch (JobExecutionNotRunningException e) {
			log.info("run {} had already ended", execution.getJobInstance().getInstanceId());
		}
		catch (RuntimeException e) {
			log.warn("could not stop run {}: {}", execution.getJobInstance().getInstanceId(), e.toString());
		}
	}
}

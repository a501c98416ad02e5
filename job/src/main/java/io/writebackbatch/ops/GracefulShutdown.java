package io.writebackbatch.ops;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Knows the run in progress and stops it on request (SIGTERM or Ctrl-C): the execution is
 * marked STOPPING and its running step told to end at its next chunk boundary (the apply
 * step's in-flight batches settle and are recorded first); the execution ends STOPPED,
 * restartable, with its partial report written. The JVM shutdown hook that calls
 * {@link #requestStop()} and waits is installed by the CLI around each command.
 *
 * <p>
 * Not {@code JobOperator.stop}: in Spring Batch 6.0 it closes, from the calling thread,
 * the step-scoped beans of the step that is still running (the inventory reader
 * mid-chunk: the step then fails instead of stopping), and it writes the running step's
 * row, racing the step's own writes. Marking the execution in memory is what the step
 * checks at each chunk boundary; the job thread alone writes the outcome.
 *
 * <p>
 * The same path pauses an apply that reached {@code writeback.apply.max-duration}
 * ({@link #pause(String)}): the run ends STOPPED the same way, and is marked paused
 * ({@link #paused(JobExecution)}) so that the command's exit code and the metrics tell a
 * planned pause from a stop.
 */
@Component
public class GracefulShutdown implements JobExecutionListener {

	/**
	 * How messages name the signal: the JVM's shutdown hook cannot tell SIGTERM from
	 * SIGINT (Ctrl-C), and both stop the run the same way.
	 */
	public static final String SHUTDOWN_SIGNAL = "a shutdown signal (SIGTERM or Ctrl-C)";

	private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

	private final Duration gracePeriod;

	private volatile @Nullable JobExecution current;

	private volatile boolean stopRequested;

	private volatile boolean stopSent;

	private volatile boolean pauseRequested;

	/** The exit status of a run that paused itself at its maximum duration. */
	public static final String PAUSED = "PAUSED";

	public GracefulShutdown(@Value("${writeback.shutdown.grace-period:25s}") Duration gracePeriod) {
		this.gracePeriod = gracePeriod;
	}

	/**
	 * How long a stop may take before the process exits anyway (env
	 * WRITEBACK_SHUTDOWN_GRACE_PERIOD).
	 */
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
		if (pauseRequested && execution.getStatus() == BatchStatus.STOPPED) {
			// recorded with the execution (the job repository writes it after the
			// listeners), so `runs` and the report tell a pause from a stop
			execution.setExitStatus(new ExitStatus(PAUSED, "paused at writeback.apply.max-duration"));
		}
	}

	/**
	 * True when the run paused itself at {@code writeback.apply.max-duration} (and not
	 * because of a signal): it ended STOPPED, resumable, on purpose.
	 */
	public boolean paused(JobExecution execution) {
		return pauseRequested && !stopRequested && execution.getStatus() == BatchStatus.STOPPED;
	}

	/**
	 * True once a stop was asked for (SIGTERM or Ctrl-C): the process is on its way out
	 * and does nothing optional.
	 */
	public boolean stopRequested() {
		return stopRequested;
	}

	/**
	 * Asks the run in progress (now, or as soon as one starts) to stop at its next chunk
	 * boundary. Idempotent.
	 */
	public synchronized void requestStop() {
		stopRequested = true;
		stop(SHUTDOWN_SIGNAL);
	}

	/**
	 * Pauses the run in progress at its next chunk boundary because it has worked for its
	 * maximum duration ({@code limit} names the setting and its value): the same clean
	 * stop as on a signal, before the Job's deadline sends one. Idempotent.
	 */
	public synchronized void pause(String limit) {
		pauseRequested = true;
		stop(limit + "; the next 'scheduled' or 'resume' continues the run");
	}

	private void stop(String why) {
		JobExecution execution = current;
		if (execution == null || stopSent) {
			return;
		}
		BatchStatus status = execution.getStatus();
		if (status != BatchStatus.STARTED && status != BatchStatus.STARTING) {
			return;
		}
		stopSent = true;
		log.warn(
				"stop requested by {}: run {} stops at its next chunk boundary; in-flight Graph requests settle "
						+ "and are recorded first (grace period {}s)",
				why, execution.getJobInstance().getInstanceId(), gracePeriod.toSeconds());
		// the next step does not start (the job checks STOPPING between steps); the
		// running one ends at its chunk boundary
		execution.setStatus(BatchStatus.STOPPING);
		execution.getStepExecutions()
			.stream()
			.filter(step -> step.getStatus().isRunning())
			.forEach(StepExecution::setTerminateOnly);
	}

}

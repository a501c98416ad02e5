package io.writebackbatch.ops;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.failure.Failures;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/**
 * The process exit codes a scheduler acts on, and a finished execution's code (decided by
 * {@link Failures}).
 */
public final class ExitCodes {

	public static final int OK = FailureKind.ExitCode.OK;

	/** A bug or an unforeseen failure: read the log. */
	public static final int INTERNAL = FailureKind.ExitCode.INTERNAL;

	/**
	 * A person must fix something first (definition, credentials, permissions, settings,
	 * maxChanges).
	 */
	public static final int INVALID = FailureKind.ExitCode.PERSON_MUST_FIX;

	/**
	 * Transient: the run FAILED or was STOPPED part-way and can be resumed from its
	 * checkpoint.
	 */
	public static final int RESTARTABLE = FailureKind.ExitCode.RESUMABLE;

	/** Another run of the same definition is in progress. */
	public static final int ALREADY_RUNNING = FailureKind.ExitCode.ANOTHER_RUN;

	private ExitCodes() {
	}

	public static int of(JobExecution execution) {
		return execution.getStatus() == BatchStatus.COMPLETED ? OK
				: Failures.ofRun(execution.getAllFailureExceptions()).exitCode();
	}

}

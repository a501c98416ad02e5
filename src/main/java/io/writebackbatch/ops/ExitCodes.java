package io.writebackbatch.ops;

import java.util.List;

import io.writebackbatch.apply.MaxChangesExceededException;
import io.writebackbatch.definition.InvalidDefinitionException;
import io.writebackbatch.graph.GraphAccessException;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/** The process exit codes a scheduler acts on. */
public final class ExitCodes {

	public static final int OK = 0;

	/** A bug or an unforeseen failure: read the log. */
	public static final int INTERNAL = 1;

	/** Invalid input or configuration (definition, credentials, permissions, maxChanges): retrying won't help. */
	public static final int INVALID = 2;

	/** The run FAILED or was STOPPED part-way and can be resumed from its checkpoint. */
	public static final int RESTARTABLE = 3;

	/** Another run of the same definition is in progress. */
	public static final int ALREADY_RUNNING = 4;

	private ExitCodes() {
	}

	public static int of(JobExecution execution) {
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			return OK;
		}
		return execution.getAllFailureExceptions().stream().anyMatch(ExitCodes::isPermanent) ? INVALID : RESTARTABLE;
	}

	/** True when the failure is one an operator must fix first (anywhere in the cause chain). */
	public static boolean isPermanent(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof InvalidDefinitionException || t instanceof MaxChangesExceededException) {
				return true;
			}
			if (t instanceof GraphAccessException graph) {
				return graph.kind() != GraphAccessException.Kind.TRANSIENT;
			}
		}
		return false;
	}

	/**
	 * The message worth showing for a failed execution: the first of the job's own exceptions in any cause chain (it
	 * names the problem and the fix), else the first failure's message.
	 */
	public static String describe(List<Throwable> failures) {
		for (Throwable failure : failures) {
			for (Throwable t = failure; t != null; t = t.getCause()) {
				if (t.getClass().getName().startsWith("io.writebackbatch.")) {
					return t.getMessage();
				}
			}
		}
		return failures.isEmpty() ? "no failure recorded" : String.valueOf(failures.get(0).getMessage());
	}
}

package io.writebackbatch.runs;

import java.util.Objects;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.definition.JobDefinition;
import io.writebackbatch.definition.RunDefinition;
import io.writebackbatch.domain.RunMode;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * What one run is, read once from its job parameters when the job starts (see
 * {@link RunContextConfiguration}): the steps take these facts from here instead of
 * reading job parameters by name, and the definition file is loaded and hashed once per
 * run instead of once per step.
 *
 * @param runKey what the run belongs to: its tenant and its definition's name (or
 * {@code rollback-of-<run>})
 * @param definition the definition, checked against the hash the run started with; null
 * for a rollback, which has none
 * @param rollbackOf the run this run undoes; null unless a rollback
 * @param appliesPlan the reviewed plan run this run carries out ({@code apply --plan});
 * null otherwise
 * @param force rollback and {@code apply --plan}: also change groups someone else changed
 * since
 */
public record RunContext(long runId, RunMode mode, RunKey runKey, String definitionName, String definitionSha256,
		@Nullable JobDefinition definition, @Nullable Long rollbackOf, @Nullable Long appliesPlan, boolean force) {

	public static RunContext of(JobExecution execution) {
		JobParameters parameters = execution.getJobParameters();
		Long rollbackOf = parameters.getLong(RunParameters.ROLLBACK_OF);
		return new RunContext(execution.getJobInstance().getInstanceId(), RunMode.ofParameter(parameters
			.getString(RunParameters.MODE)), RunKey
				.of(execution)
				.orElseThrow(() -> new RunRefusedException(FailureKind.INVALID_INPUT, "run "
						+ execution.getJobInstance().getInstanceId()
						+ " was recorded before runs had a tenant: name its tenant with 'assign-tenant --tenant <id>'")),
				parameters.getString(RunParameters.DEFINITION_NAME),
				parameters.getString(RunParameters.DEFINITION_SHA256),
				rollbackOf == null ? RunDefinition.load(parameters) : null, rollbackOf,
				parameters.getLong(RunParameters.APPLIES_PLAN),
				Boolean.parseBoolean(parameters.getString(RunParameters.FORCE)));
	}

	/** The definition of a run that is not a rollback (a rollback has none). */
	public JobDefinition requireDefinition() {
		return Objects.requireNonNull(definition, "a rollback has no definition");
	}

	public boolean isRollback() {
		return rollbackOf != null;
	}

	public boolean carriesOutAPlan() {
		return appliesPlan != null;
	}

	/**
	 * A dry run of a definition: the run whose change set is sealed with a digest for
	 * {@code apply --plan}.
	 */
	public boolean isPlanOfADefinition() {
		return mode == RunMode.PLAN && !isRollback();
	}
}

package io.writebackbatch.runs;

import io.writebackbatch.definition.RunDefinition;

import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * Names of the job parameters; the identifying ones make each requested run its own job
 * instance.
 */
public final class RunParameters {

	public static final String JOB_NAME = "writeback";

	/** Absolute path of the definition file. */
	public static final String DEFINITION = RunDefinition.FILE;

	public static final String DEFINITION_NAME = "definitionName";

	/**
	 * The tenant the run is for (not identifying: assigned afterwards to runs recorded
	 * before runs had a tenant); see {@link RunKey}.
	 */
	public static final String TENANT_ID = "tenantId";

	/** The tenant's cloud ({@link io.writebackbatch.domain.Cloud#label()}). */
	public static final String CLOUD = "cloud";

	public static final String DEFINITION_SHA256 = RunDefinition.SHA256;

	/** {@code plan} (dry run) or {@code apply}. */
	public static final String MODE = "mode";

	/** Set on a rollback run: the run whose changes it undoes. */
	public static final String ROLLBACK_OF = "rollbackOf";

	/**
	 * Rollback only: also restore groups (and the setting) changed by someone else since
	 * the run.
	 */
	public static final String FORCE = "force";

	/**
	 * Set on a run that carries out a reviewed plan ({@code apply --plan}): the plan run
	 * whose change set it applies.
	 */
	public static final String APPLIES_PLAN = "appliesPlan";

	/** The digest of that change set, as checked when the run started. */
	public static final String PLAN_DIGEST = "planDigest";

	/**
	 * How the application of a plan was approved when it started: {@code digest} (the
	 * change board's digest was given) or {@code seal} (the plan's seal, definition hash
	 * and age only). Continuing it needs the same approval again; a run without this
	 * parameter (made before it existed) is taken as approved by digest, the stricter.
	 */
	public static final String APPROVAL = "approval";

	/**
	 * When the run was requested; makes a new instance for each run of the same
	 * definition.
	 */
	public static final String REQUESTED_AT = "requestedAt";

	/**
	 * Not a job parameter: the Spring property through which the CLI names the command
	 * that runs ({@code scheduled}, {@code apply}, ...), a label of the run's meters.
	 */
	public static final String COMMAND_PROPERTY = "writeback.run.command";

	private RunParameters() {
	}

	/**
	 * The command that continues the unfinished run of these parameters from its
	 * checkpoint: one hint wherever it is shown (a pause, a stop, a refusal).
	 */
	public static String continuation(JobParameters parameters) {
		Long rollbackOf = parameters.getLong(ROLLBACK_OF);
		if (rollbackOf != null) {
			// a rollback has no definition file of its own
			return "rollback --run " + rollbackOf + " --apply";
		}
		Long plan = parameters.getLong(APPLIES_PLAN);
		return plan != null ? "apply --plan " + plan + " --digest <the approved digest>"
				: "resume --definition " + parameters.getString(DEFINITION);
	}

}

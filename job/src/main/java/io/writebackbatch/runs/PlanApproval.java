package io.writebackbatch.runs;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.definition.JobDefinition;
import io.writebackbatch.definition.JobDefinitionLoader;
import io.writebackbatch.staging.ChangeControlRepository.PlanSeal;
import io.writebackbatch.staging.ChangeControlRepository;
import io.writebackbatch.staging.PlanDigest;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * Whether a plan run may be carried out by {@code apply --plan}: a completed dry run of a
 * definition, sealed with a digest, whose definition is unchanged, younger than
 * {@code max-plan-age}, whose staged change set still hashes to its digest, and (when
 * given) whose digest is the one the change board approved. Every refusal is exit 2.
 */
@Component
record PlanApproval(ChangeControlRepository repository, ChangeControlProperties properties) {

	/** Given with {@code --digest}: the change board's signature. */
	static final String BY_DIGEST = "digest";

	/** Without {@code --digest}: the plan's seal, definition hash and age only. */
	static final String BY_SEAL = "seal";

	/**
	 * The one gate in front of every execution that writes under a plan, fresh or
	 * continued: the checks of {@link #check} at this invocation and, when continuing
	 * {@code application} that was approved with the digest, the digest given again. A
	 * refusal (exit 2) otherwise; nothing is started.
	 */
	Approved approve(JobExecution plan, @Nullable JobExecution application, @Nullable String approvedDigest) {
		if (application != null && approvedDigest == null
				&& !BY_SEAL.equals(application.getJobParameters().getString(RunParameters.APPROVAL))) {
			long planRun = plan.getJobInstance().getInstanceId();
			throw refused("run " + application.getJobInstance().getInstanceId() + " carries out plan " + planRun
					+ ", approved with its digest, and did not finish; continuing it needs the same approval: "
					+ "apply --plan " + planRun + " --digest <the digest the change board approved>. Nothing was "
					+ "applied");
		}
		return check(plan, approvedDigest);
	}

	/**
	 * The plan's seal and its (unchanged) definition; a refusal saying why not,
	 * otherwise.
	 */
	private Approved check(JobExecution plan, @Nullable String approvedDigest) {
		long runId = plan.getJobInstance().getInstanceId();
		var parameters = plan.getJobParameters();
		if (!"plan".equals(parameters.getString(RunParameters.MODE))
				|| parameters.getLong(RunParameters.ROLLBACK_OF) != null) {
			throw refused("run " + runId + " is not a plan of a definition (it ran as '"
					+ parameters.getString(RunParameters.MODE)
					+ (parameters.getLong(RunParameters.ROLLBACK_OF) != null ? "' of a rollback" : "'")
					+ "); give the id of a 'plan' run, as listed by 'runs'");
		}
		if (plan.getStatus() != BatchStatus.COMPLETED) {
			throw refused("plan " + runId + " did not complete (" + plan.getStatus() + "); run 'plan' again");
		}
		PlanSeal seal = repository.seal(runId)
			.orElseThrow(() -> refused(
					"plan " + runId + " has no digest (it was made before change control existed); run 'plan' again"));
		if (approvedDigest != null && !approvedDigest.strip().equalsIgnoreCase(seal.digest())) {
			throw refused("the digest " + approvedDigest.strip() + " does not match plan " + runId + "'s digest "
					+ seal.digest() + "; nothing was applied. Check that the approved plan is run " + runId);
		}
		String file = parameters.getString(RunParameters.DEFINITION);
		JobDefinition definition = new JobDefinitionLoader().load(Path.of(file));
		if (!definition.sha256().equals(seal.definitionSha256())) {
			throw refused(file + " (or an id file it names) changed since plan " + runId + " was made; nothing was "
					+ "applied. Restore it, or plan again and have the new plan approved");
		}
		Duration age = Duration.between(seal.plannedAt(), Instant.now());
		if (age.compareTo(properties.maxPlanAge()) > 0) {
			throw refused("plan " + runId + " was made " + seal.plannedAt() + ", " + describe(age) + " ago, older than "
					+ describe(properties.maxPlanAge())
					+ " (writeback.change-control.max-plan-age); nothing was applied. "
					+ "Plan again and have the new plan approved");
		}
		PlanDigest.Result recomputed = PlanDigest.of(repository, runId);
		if (!recomputed.hex().equals(seal.digest())) {
			throw refused("plan " + runId + "'s stored change set no longer matches its digest " + seal.digest()
					+ " (the job repository was altered); nothing was applied. Plan again");
		}
		return new Approved(seal, definition);
	}

	record Approved(PlanSeal seal, JobDefinition definition) {
	}

	private static RunRefusedException refused(String message) {
		return new RunRefusedException(FailureKind.INVALID_INPUT, message);
	}

	private static String describe(Duration duration) {
		return duration.toHours() >= 48 ? duration.toDays() + " days"
				: duration.toHours() >= 1 ? duration.toHours() + " hours"
						: duration.toMinutes() >= 1 ? duration.toMinutes() + " minutes" : duration.toMillis() + " ms";
	}
}

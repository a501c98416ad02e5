package io.writebackbatch.runs;

import java.util.Optional;

import io.writebackbatch.domain.Cloud;
import io.writebackbatch.domain.Tenant;
import io.writebackbatch.domain.TenantId;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * What a run belongs to, and so what its lock, resume, {@code scheduled}, recovery, the
 * incremental inventory, drift and retention are scoped to: a tenant and a subject, the
 * definition's name (wherever its file lies) or {@code rollback-of-<run>}.
 */
public record RunKey(Tenant tenant, String subject) {

	private static final String ROLLBACK = "rollback-of-";

	/** The tenant id of runs recorded before runs had a tenant (migration V22). */
	public static final String UNASSIGNED = "unassigned";

	public static RunKey rollbackOf(Tenant tenant, long runId) {
		return new RunKey(tenant, ROLLBACK + runId);
	}

	/**
	 * The key of a recorded run; empty for a run recorded without a tenant (assign one
	 * with {@code assign-tenant}).
	 */
	public static Optional<RunKey> of(JobExecution execution) {
		return tenant(execution).map(tenant -> new RunKey(tenant, subject(execution.getJobParameters())));
	}

	/** The tenant of a recorded run; empty when it has none yet. */
	public static Optional<Tenant> tenant(JobExecution execution) {
		JobParameters parameters = execution.getJobParameters();
		String id = parameters.getString(RunParameters.TENANT_ID);
		String cloud = parameters.getString(RunParameters.CLOUD);
		if (id == null || id.equals(UNASSIGNED)) {
			return Optional.empty();
		}
		return Optional.of(new Tenant(new TenantId(id), cloud == null ? Cloud.GLOBAL : Cloud.parse(cloud)));
	}

	private static String subject(JobParameters parameters) {
		Long rollbackOf = parameters.getLong(RunParameters.ROLLBACK_OF);
		return rollbackOf != null ? ROLLBACK + rollbackOf
				: String.valueOf(parameters.getString(RunParameters.DEFINITION_NAME));
	}

	public boolean isRollback() {
		return subject.startsWith(ROLLBACK);
	}

	/** The run this key's runs roll back; only for a rollback key. */
	public long rolledBackRun() {
		return Long.parseLong(subject.substring(ROLLBACK.length()));
	}

	public boolean matches(JobExecution execution) {
		return of(execution).filter(this::equals).isPresent();
	}

	/** The run lock's name. */
	public String lockName() {
		return tenant.id() + "/" + tenant.cloud().label() + "/" + subject;
	}

	@Override
	public String toString() {
		return "'" + subject + "' of tenant " + tenant;
	}

}

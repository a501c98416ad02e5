package io.writebackbatch.staging;

import io.writebackbatch.domain.Tenant;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tenant of recorded runs, kept as two job parameters ({@code tenantId},
 * {@code cloud}) of each execution. Runs recorded before runs had a tenant carry
 * {@code tenantId = unassigned} (migration V22) or, written by an older version since, no
 * tenant at all.
 */
@Repository
public class RunTenants {

	private static final String TENANT_ID = "tenantId";

	private static final String CLOUD = "cloud";

	private static final String UNASSIGNED = "unassigned";

	/** Executions without a tenant: unassigned, or with no tenant parameter at all. */
	private static final String WITHOUT_TENANT = "FROM BATCH_JOB_EXECUTION e WHERE NOT EXISTS (SELECT 1 FROM "
			+ "BATCH_JOB_EXECUTION_PARAMS p WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = '"
			+ TENANT_ID + "' AND p.PARAMETER_VALUE <> '" + UNASSIGNED + "')";

	private final JdbcTemplate jdbc;

	public RunTenants(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** How many runs have no tenant yet. */
	public long unassigned() {
		Long runs = jdbc.queryForObject("SELECT COUNT(DISTINCT e.JOB_INSTANCE_ID) " + WITHOUT_TENANT, Long.class);
		return runs == null ? 0 : runs;
	}

	/**
	 * Assigns every run without a tenant to {@code tenant}, in one transaction; returns
	 * how many runs.
	 */
	@Transactional
	public long assign(Tenant tenant) {
		long runs = unassigned();
		jdbc.update("DELETE FROM BATCH_JOB_EXECUTION_PARAMS WHERE PARAMETER_NAME IN (?, ?) AND JOB_EXECUTION_ID IN "
				+ "(SELECT e.JOB_EXECUTION_ID " + WITHOUT_TENANT + ")", TENANT_ID, CLOUD);
		for (String[] parameter : new String[][] { { TENANT_ID, tenant.id().value() },
				{ CLOUD, tenant.cloud().label() } }) {
			jdbc.update("INSERT INTO BATCH_JOB_EXECUTION_PARAMS (JOB_EXECUTION_ID, PARAMETER_NAME, PARAMETER_TYPE, "
					+ "PARAMETER_VALUE, IDENTIFYING) SELECT e.JOB_EXECUTION_ID, ?, 'java.lang.String', ?, 'N' FROM "
					+ "BATCH_JOB_EXECUTION e WHERE NOT EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS p WHERE "
					+ "p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = ?)", parameter[0], parameter[1],
					parameter[0]);
		}
		return runs;
	}

}

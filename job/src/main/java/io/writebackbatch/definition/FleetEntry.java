package io.writebackbatch.definition;

import java.util.List;
import java.util.regex.Pattern;

import io.writebackbatch.domain.Cloud;
import io.writebackbatch.domain.TenantId;
import io.writebackbatch.domain.Printable;
import org.jspecify.annotations.Nullable;

/**
 * One tenant of a fleet file, as written.
 *
 * @param name the tenant's short name: the suffix of its Kubernetes objects
 * ({@code k8s/tenants/<name>}) and its name in {@code runs --fleet} and the fleet report
 * @param tenantId the tenant's id, the one the job proves its token is for and records
 * with every run
 * @param domain a verified domain of the tenant, shown beside its name (the id is what
 * runs are found by: a domain can be renamed, removed or added)
 * @param cloud the tenant's Microsoft Graph cloud; global when not given
 * @param definitions the definition files the tenant runs, relative to the fleet file
 * @param schedule the nightly's cron schedule (five fields, as a Kubernetes CronJob's)
 */
public record FleetEntry(String name, String tenantId, @Nullable String domain, @Nullable String cloud,
		FleetCredential credential, List<String> definitions, String schedule) {

	/** A DNS label short enough that {@code writeback-nightly-<name>} is a valid name. */
	private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?");

	private static final Pattern DOMAIN = Pattern
		.compile("(?i)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)+[a-z]([-a-z0-9]{0,61}[a-z0-9])?");

	private static final Pattern CRON_FIELD = Pattern.compile("[0-9*/,\\-A-Za-z?]+");

	public FleetEntry {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new FieldProblem("name",
					(name == null ? "is required" : "'" + Printable.of(name) + "' is not a tenant name")
							+ ": give lower-case letters, digits and '-', at most 32 (it names the tenant's "
							+ "Kubernetes objects, e.g. contoso)");
		}
		if (tenantId == null) {
			throw new FieldProblem("tenantId",
					"is required: the tenant's id (Entra admin center, Overview, Tenant ID)");
		}
		parse("tenantId", () -> new TenantId(tenantId));
		if (domain != null && !DOMAIN.matcher(domain).matches()) {
			throw new FieldProblem("domain", "'" + Printable.of(domain)
					+ "' is not a domain name: give one of the tenant's verified domains, e.g. contoso.onmicrosoft.com");
		}
		if (cloud != null) {
			parse("cloud", () -> Cloud.parse(cloud));
		}
		if (credential == null) {
			throw new FieldProblem("credential",
					"is required: the clientId of the tenant's app (with certificatePath or secretEnv, "
							+ "or neither for workload identity)");
		}
		if (definitions == null || definitions.isEmpty()) {
			throw new FieldProblem("definitions",
					"list the definition files this tenant runs, relative to the fleet file, e.g. "
							+ "[../../jobs/disable-all.yaml]");
		}
		definitions = List.copyOf(definitions);
		if (schedule == null) {
			throw new FieldProblem("schedule", "is required: when the tenant's nightly runs, e.g. \"30 1 * * *\"");
		}
		String[] fields = schedule.strip().split("\\s+");
		boolean cron = fields.length == 5
				&& java.util.Arrays.stream(fields).allMatch(f -> CRON_FIELD.matcher(f).matches());
		if (!cron && !schedule.strip().matches("@(yearly|annually|monthly|weekly|daily|midnight|hourly)")) {
			throw new FieldProblem("schedule", "'" + Printable.of(schedule)
					+ "' is not a cron schedule: give five fields (minute hour day month weekday), e.g. \"30 1 * * *\"");
		}
	}

	public TenantId id() {
		return new TenantId(tenantId);
	}

	public Cloud tenantCloud() {
		return cloud == null ? Cloud.GLOBAL : Cloud.parse(cloud);
	}

	private static void parse(String field, Runnable parser) {
		try {
			parser.run();
		}
		catch (IllegalArgumentException e) {
			throw new FieldProblem(field, String.valueOf(e.getMessage()));
		}
	}

}

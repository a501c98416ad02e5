package io.writebackbatch.runs;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.domain.Cloud;
import io.writebackbatch.domain.Tenant;
import io.writebackbatch.domain.TenantId;
import io.writebackbatch.graph.GraphConnection;
import io.writebackbatch.ops.RunLogContext;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The tenant this process runs for, proven before anything of a tenant is read or
 * written: the declared tenant ({@link TenantProperties}) must be the one the token was
 * issued for, and the declared cloud the one GRAPH_BASE_URL is in. Proven once per
 * process.
 */
@Component
public class RunTenant {

	private static final Logger log = LoggerFactory.getLogger(RunTenant.class);

	private final TenantProperties properties;

	private final ObjectProvider<GraphConnection> graph;

	private @Nullable Tenant proven;

	public RunTenant(TenantProperties properties, ObjectProvider<GraphConnection> graph) {
		this.properties = properties;
		this.graph = graph;
	}

	/**
	 * The proven tenant: asks the credential for a token and reads its tenant (the JWT's
	 * {@code tid}, else {@code GET /organization}); refused (exit 2, naming both) when it
	 * is not the declared one.
	 */
	public synchronized Tenant current() {
		if (proven != null) {
			return proven;
		}
		GraphConnection connection = graph.getObject();
		Cloud cloud = connection.cloud();
		Cloud declaredCloud = declaredCloud();
		if (declaredCloud != null && declaredCloud != cloud) {
			throw new RunRefusedException(FailureKind.INVALID_INPUT,
					"this deployment is declared for a tenant in the " + declaredCloud.label()
							+ " cloud (writeback.tenant.cloud), but GRAPH_BASE_URL (" + connection.baseUri().getHost()
							+ ") is Graph of the " + cloud.label() + " cloud: nothing was read or written; "
							+ "set GRAPH_BASE_URL to https://" + declaredCloud.graphHost() + "/beta");
		}
		TenantId token = connection.tokenTenant();
		TenantId declared = declaredId();
		if (declared != null && !declared.equals(token)) {
			throw new RunRefusedException(FailureKind.INVALID_INPUT,
					"the token is for tenant " + token + ", but this deployment runs for tenant " + declared
							+ " (writeback.tenant.id): nothing was read " + "or written; give the credential of tenant "
							+ declared + ", or correct WRITEBACK_TENANT_ID");
		}
		Tenant tenant = new Tenant(token, cloud);
		MDC.put(RunLogContext.TENANT, token.value());
		// the run's first line names it (RunLogContext); this says how it was decided
		log.debug(declared == null ? "tenant {}: the token's (none declared in writeback.tenant.id)"
				: "tenant {}: the token is for the declared tenant", tenant);
		proven = tenant;
		return tenant;
	}

	/**
	 * The declared tenant id, for commands that touch no tenant (prune): null when none
	 * is declared.
	 */
	public @Nullable TenantId declaredId() {
		return parse(properties.id(), "writeback.tenant.id (WRITEBACK_TENANT_ID)", TenantId::new);
	}

	private @Nullable Cloud declaredCloud() {
		return parse(properties.cloud(), "writeback.tenant.cloud (WRITEBACK_TENANT_CLOUD)", Cloud::parse);
	}

	private static <T> @Nullable T parse(@Nullable String value, String setting,
			java.util.function.Function<String, T> parser) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return parser.apply(value);
		}
		catch (IllegalArgumentException e) {
			throw new RunRefusedException(FailureKind.INVALID_INPUT, setting + ": " + e.getMessage());
		}
	}

}

package io.writebackbatch.runs;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The tenant this deployment runs for. Environment: {@code WRITEBACK_TENANT_ID},
 * {@code WRITEBACK_TENANT_CLOUD}. Declared beside the credential (not in the definition):
 * one definition serves every tenant of a fleet, while the credential, and so the tenant,
 * differs per deployment.
 *
 * @param id the tenant id every run of this process is for; the token's tenant must be
 * this one (else nothing is read or written, exit 2). When unset, runs belong to the
 * token's tenant, proven the same way (a single-tenant setup, the simulator).
 * @param cloud the tenant's cloud ({@code global}, {@code us-government-l4},
 * {@code us-government-l5-dod}, {@code china}); when set, GRAPH_BASE_URL must be in it
 */
@ConfigurationProperties("writeback.tenant")
public record TenantProperties(@Nullable String id, @Nullable String cloud) {
}

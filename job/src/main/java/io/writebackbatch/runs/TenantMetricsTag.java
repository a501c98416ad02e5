package io.writebackbatch.runs;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.writebackbatch.domain.TenantId;
import io.writebackbatch.ops.RunLogContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every meter of a process declared for a tenant carries {@code tenant} (its id), from
 * the first one on: a fleet's dashboards and alerts group by it. The run meters carry it
 * in any case (from the run's own tenant).
 */
@Configuration(proxyBeanMethods = false)
class TenantMetricsTag {

	@Bean
	MeterFilter tenantTag(TenantProperties tenant) {
		Tags tags = Tags.empty();
		if (tenant.id() != null && !tenant.id().isBlank()) {
			try {
				tags = Tags.of(RunLogContext.TENANT, new TenantId(tenant.id()).value());
			}
			catch (IllegalArgumentException e) {
				// refused with its reason before any run (RunTenant); no tag meanwhile
			}
		}
		return MeterFilter.commonTags(tags);
	}

}

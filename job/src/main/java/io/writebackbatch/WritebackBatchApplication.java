package io.writebackbatch;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.DiskSpaceHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.SslHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpLoggingAutoConfiguration;

/**
 * The Spring context of the job; started by the CLI commands that need it.
 * <p>
 * Without the auto-configurations whose beans no command uses, which every command built
 * at start (about 350 classes, a twentieth of a command's start-up CPU): Actuator's
 * endpoint support and health indicators (a command-line job has no web server and no
 * JMX, so nothing ever reads them; its own repository check is
 * {@link io.writebackbatch.ops.RepositoryWatchdog}), and the OpenTelemetry SDK with its
 * log export (the metrics go out through Micrometer's OTLP registry, whose
 * auto-configuration needs only the OpenTelemetry properties, not the SDK).
 */
@SpringBootApplication(exclude = { EndpointAutoConfiguration.class, JacksonEndpointAutoConfiguration.class,
		HealthEndpointAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class,
		HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
		AvailabilityHealthContributorAutoConfiguration.class, DiskSpaceHealthContributorAutoConfiguration.class,
		SslHealthContributorAutoConfiguration.class, DataSourceHealthContributorAutoConfiguration.class,
		OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryLoggingAutoConfiguration.class,
		OtlpLoggingAutoConfiguration.class })
@ConfigurationPropertiesScan
public class WritebackBatchApplication {

}

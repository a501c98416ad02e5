package io.writebackbatch.ops;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusProperties;
import org.springframework.boot.micrometer.metrics.export.prometheus.PrometheusPushGatewayManager;
import org.springframework.boot.micrometer.metrics.export.prometheus.PrometheusPushGatewayManager.ShutdownOperation;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Pushes a run's meters to a Prometheus Pushgateway (Prometheus's path for batch jobs)
 * with Boot's {@link PrometheusPushGatewayManager}: every
 * {@code management.prometheus.metrics.export.pushgateway.push-rate} while the run goes
 * and once more when the command ends. On when
 * {@code management.prometheus.metrics.export.pushgateway.address} is set (env
 * {@code MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ADDRESS}).
 * <p>
 * Why not Boot's own pusher ({@code ...pushgateway.enabled}, kept off): it pushes every
 * run under one fixed grouping key, and a Pushgateway replaces a group's metric families
 * on each push, so a plan, a rollback or another tenant's run would erase the nightly's
 * last-success time. Here the grouping key is the run's own labels (tenant and the other
 * common tags, definition, mode, operation, command), known when the run starts; and the
 * pushes are always POSTs, which replace only the families pushed, so a failed run keeps
 * the group's last success.
 */
@Component
public class RunPushgateway implements DisposableBean {

	/** Boot's property that switches this export on. */
	public static final String ADDRESS = "management.prometheus.metrics.export.pushgateway.address";

	private static final Logger log = LoggerFactory.getLogger(RunPushgateway.class);

	private final boolean on;

	private final ObjectProvider<PrometheusProperties> properties;

	private final ObjectProvider<PrometheusRegistry> registry;

	private final ObjectProvider<PrometheusMeterRegistry> meters;

	private final String job;

	private @Nullable PrometheusPushGatewayManager manager;

	private @Nullable PushGateway gateway;

	private String address = "";

	RunPushgateway(Environment environment, ObjectProvider<PrometheusProperties> properties,
			ObjectProvider<PrometheusRegistry> registry, ObjectProvider<PrometheusMeterRegistry> meters) {
		this.on = environment.containsProperty(ADDRESS);
		this.properties = properties;
		this.registry = registry;
		this.meters = meters;
		this.job = environment.getProperty("management.prometheus.metrics.export.pushgateway.job",
				environment.getProperty("spring.application.name", "writeback-batch"));
	}

	/**
	 * Starts pushing under the run's labels: those of the run meter {@code name} with
	 * {@code runTags} as Prometheus sees it, common tags (the tenant) included. The first
	 * run of the process decides the group.
	 */
	public synchronized void start(String name, Tags runTags) {
		PrometheusProperties prometheus = properties.getIfAvailable();
		PrometheusRegistry prometheusRegistry = registry.getIfAvailable();
		PrometheusMeterRegistry prometheusMeters = meters.getIfAvailable();
		if (!on || manager != null || prometheus == null || prometheusRegistry == null || prometheusMeters == null) {
			return;
		}
		Meter runMeter = prometheusMeters.find(name).tags(runTags).meter();
		Iterable<Tag> runLabels = runMeter != null ? runMeter.getId().getTags() : runTags;
		PrometheusProperties.Pushgateway settings = prometheus.getPushgateway();
		Map<String, String> groupingKey = new LinkedHashMap<>(settings.getGroupingKey());
		for (Tag tag : runLabels) {
			// the client writes a space in a grouping-key value as '+', which the
			// Pushgateway
			// keeps (and its value would replace the metric's label): a label such as a
			// rollback's definition "rollback of run 7 (name)" stays out of the key, a
			// label
			// of the metrics only
			if (!tag.getValue().contains(" ") && !tag.getValue().contains("+")) {
				groupingKey.put(tag.getKey(), tag.getValue());
			}
		}
		PushGateway.Builder gateway = PushGateway.builder()
			.address(settings.getAddress())
			.scheme(settings.getScheme() == PrometheusProperties.Pushgateway.Scheme.HTTPS ? Scheme.HTTPS : Scheme.HTTP)
			// the text format needs no protobuf library and is what every Pushgateway
			// reads
			.format(Format.PROMETHEUS_TEXT)
			.job(job)
			.registry(prometheusRegistry);
		if (StringUtils.hasText(settings.getToken())) {
			gateway.bearerToken(settings.getToken());
		}
		else if (StringUtils.hasText(settings.getUsername())) {
			gateway.basicAuth(settings.getUsername(), String.valueOf(settings.getPassword()));
		}
		groupingKey.forEach(gateway::groupingKey);
		this.gateway = gateway.build();
		this.address = settings.getAddress();
		// Boot's manager pushes every push-rate while the run goes (its failures are not
		// logged: application.yaml), the last push is ours, so a Pushgateway that cannot
		// be reached costs one line, not a stack trace
		manager = new PrometheusPushGatewayManager(this.gateway, settings.getPushRate(), ShutdownOperation.NONE);
		log.info("metrics: pushing to the Pushgateway {} as job {} with grouping key {}", settings.getAddress(), job,
				groupingKey);
	}

	/**
	 * The last push, with the run's final meters, when the command's context closes: a
	 * POST, which replaces only the metric families it carries.
	 */
	@Override
	public synchronized void destroy() {
		PushGateway last = gateway;
		if (manager == null || last == null) {
			return;
		}
		manager.shutdown();
		manager = null;
		gateway = null;
		try {
			last.pushAdd();
		}
		catch (IOException | RuntimeException e) {
			log.warn("metrics: could not push this run's metrics to the Pushgateway {} ({}); the run itself is not "
					+ "affected, its alerts see it after the next successful push", address, e.getMessage());
		}
	}

}

package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.writebackbatch.report.SummarySchema;
import io.writebackbatch.simulator.FaultConfig;
import io.writebackbatch.simulator.GroupView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an operator relies on around a run, with the job as its own process on the default
 * (H2 file) job repository: structured logs that name the run on every line, and metrics
 * pushed over OTLP when the command ends.
 */
class OperationsFunctionalIT {

	private static final int CHUNK = 100;

	@TempDir
	Path dir;

	@RegisterExtension
	final DisableAllTenant tenant = new DisableAllTenant("ops-token", 31);

	CliProcess job() {
		return CliProcess.withEnv(Map.of("GRAPH_BASE_URL", tenant.sim().baseUrl(), "GRAPH_ACCESS_TOKEN", "ops-token",
				"SPRING_DATASOURCE_URL",
				"jdbc:h2:file:" + dir.resolve("db/writeback") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
				"WRITEBACK_REPORT_DIRECTORY", dir.resolve("reports").toString(), "WRITEBACK_GRAPH_PAGE_SIZE", "50",
				"WRITEBACK_APPLY_CHUNK_SIZE", Integer.toString(CHUNK), "WRITEBACK_GRAPH_MAX_CONCURRENT_BATCHES", "2",
				"WRITEBACK_SHUTDOWN_GRACE_PERIOD", "30s"));
	}

	@Test
	void structuredLogsCarryTheRunIdOnEveryLineOfTheRun() throws Exception {
		tenant.sim().faults(FaultConfig.none().latency(Duration.ofMillis(5), Duration.ZERO).deleteRate(0.05)); // 404s:
		// worker
		// logs

		CliProcess.Result apply = job().with("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs")
			.run("apply", "--definition", "jobs/disable-all.yaml");

		assertThat(apply.exitCode()).as(apply.all()).isZero();
		JsonMapper json = JsonMapper.builder().build();
		List<JsonNode> lines = apply.out().lines().filter(l -> l.startsWith("{")).map(json::readTree).toList();
		assertThat(lines).as(apply.out()).hasSizeGreaterThan(3);
		for (JsonNode line : lines) {
			assertThat(line.path("log").path("level").isMissingNode() && line.path("log.level").isMissingNode())
				.as("an ECS document: %s", line)
				.isFalse();
			assertThat(runId(line)).as("run.id of %s", line).isEqualTo("1");
			assertThat(text(line, "definition")).as("definition of %s", line).isEqualTo("disable-all");
			assertThat(text(line, "tenant")).as("tenant of %s", line).isEqualTo(tenant.sim().tenantId());
		}
		assertThat(lines).as("lines logged by the Graph worker threads").anySatisfy(line -> {
			assertThat(line.toString()).contains("graph-batch");
			assertThat(line.toString()).contains("was deleted since the inventory");
		});
		assertThat(apply.out().lines().filter(l -> !l.startsWith("{"))).as("nothing but JSON documents").isEmpty();
		assertThat(lines).as("the summary, an event of the run")
			.anySatisfy(line -> assertThat(line.toString()).contains("report.html"));
	}

	@Test
	void metricsArePushedOverOtlpWhenTheCommandEnds() throws Exception {
		List<String> contentTypes = new CopyOnWriteArrayList<>();
		List<ExportMetricsServiceRequest> pushed = new CopyOnWriteArrayList<>();
		HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.createContext("/v1/metrics", exchange -> {
			contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
			byte[] body = exchange.getRequestBody().readAllBytes();
			pushed.add(ExportMetricsServiceRequest.parseFrom(body));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		receiver.start();
		try {
			CliProcess.Result apply = job()
				.with("MANAGEMENT_OTLP_METRICS_EXPORT_URL",
						"http://127.0.0.1:" + receiver.getAddress().getPort() + "/v1/metrics")
				.with("MANAGEMENT_OTLP_METRICS_EXPORT_BASE_TIME_UNIT", "seconds")
				.run("apply", "--definition", "jobs/disable-all.yaml");

			assertThat(apply.exitCode()).as(apply.all()).isZero();
		}
		finally {
			receiver.stop(0);
		}
		assertThat(contentTypes).as("OTLP/HTTP requests")
			.isNotEmpty()
			.allMatch(t -> t.startsWith("application/x-protobuf"));
		Set<String> names = pushed.stream()
			.flatMap(r -> r.getResourceMetricsList().stream())
			.flatMap(r -> r.getScopeMetricsList().stream())
			.flatMap(s -> s.getMetricsList().stream())
			.map(m -> m.getName())
			.collect(Collectors.toSet());
		assertThat(names).contains("writeback.run", "writeback.run.last.success.timestamp", "writeback.groups.read",
				"writeback.groups.applied", "spring.batch.job");
		String last = pushed.get(pushed.size() - 1).toString();
		assertThat(last).contains("COMPLETED")
			.contains("disable-all")
			.contains("\"operation\"")
			.contains("\"writeback\"")
			.contains("\"tenant\"")
			.contains(tenant.sim().tenantId());
		assertThat(pushed.stream().flatMap(r -> r.getResourceMetricsList().stream()))
			.as("service.name (spring.application.name): the Prometheus job label the alerts select on")
			.allSatisfy(r -> assertThat(r.getResource().getAttributesList())
				.anySatisfy(a -> assertThat(a.getKey() + "=" + a.getValue().getStringValue())
					.isEqualTo("service.name=writeback-batch")));
	}

	@Test
	void withoutAnEndpointNothingIsPushed() throws Exception {
		CliProcess.Result plan = job().run("plan", "--definition", "jobs/disable-all.yaml");

		assertThat(plan.exitCode()).as(plan.all()).isZero();
		assertThat(plan.all()).doesNotContainIgnoringCase("otlp").doesNotContain("4318");
	}

	private static String runId(JsonNode line) {
		return text(line, "run.id");
	}

	/**
	 * An MDC value, whether the format writes it flat ({@code "run.id"}) or nested
	 * ({@code "run":{"id"}}).
	 */
	static String text(JsonNode line, String key) {
		JsonNode flat = line.get(key);
		if (flat != null) {
			return flat.asString();
		}
		JsonNode node = line;
		for (String part : key.split("\\.")) {
			node = node.path(part);
		}
		return node.isMissingNode() ? null : node.asString();
	}

	private List<String> patched() {
		return DisableAll.patchedGroups(tenant.sim());
	}

}

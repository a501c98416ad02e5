package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.writebackbatch.simulator.FaultConfig;
import io.writebackbatch.simulator.SimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With structured logs on (as in the production overlay), standard output and standard
 * error carry one JSON document per line and nothing else (Spring Boot's JSON console
 * writes every event to standard output): the run summary is an event with queryable
 * fields, the messages for the operator are events, stack traces are inside events, also
 * for what goes wrong before the Spring context starts.
 */
class StructuredLogsFunctionalIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path dir;

	@RegisterExtension
	SimulatorExtension sim = new SimulatorExtension((b) -> b.token("logs-token")
		.seed(53)
		.unifiedGroups(300)
		.nonUnifiedGroups(20)
		.faults(FaultConfig.none().latency(Duration.ofMillis(5), Duration.ZERO)));

	CliProcess job() {
		return CliProcess.withEnv(
				Map.of("GRAPH_BASE_URL", sim.baseUrl(), "GRAPH_ACCESS_TOKEN", "logs-token", "SPRING_DATASOURCE_URL",
						"jdbc:h2:file:" + dir.resolve("db/writeback") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
						"WRITEBACK_REPORT_DIRECTORY", dir.resolve("reports").toString(),
						"LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs"));
	}

	@Test
	void aRunWritesOnlyJsonAndItsSummaryIsAnEvent() throws Exception {
		int toChange = DisableAll.groupsToChange(sim.tenant().unifiedGroups()).size();

		CliProcess.Result apply = job().run("apply", "--definition", "jobs/disable-all.yaml");

		assertThat(apply.exitCode()).as(apply.all()).isZero();
		JsonNode summary = events(apply).stream()
			.filter(e -> e.has("summary.status") || e.path("summary").has("status"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no summary event in\n" + apply.out()));
		assertThat(field(summary, "summary.status")).isEqualTo("COMPLETED");
		assertThat(field(summary, "summary.mode")).isEqualTo("apply");
		assertThat(field(summary, "summary.updated")).isEqualTo(Integer.toString(toChange));
		assertThat(field(summary, "summary.pending")).isEqualTo("0");
		assertThat(field(summary, "summary.report")).endsWith("report.html");
		assertThat(field(summary, "run.id")).isEqualTo("1");
		assertThat(summary.path("message").asString()).startsWith("run 1 COMPLETED (apply)");

		// what a command prints once its Spring context has set the log levels
		// (root WARN) is an event too: runs' table
		CliProcess.Result runs = job().run("runs");
		assertThat(runs.exitCode()).as(runs.all()).isZero();
		assertThat(events(runs)).as("runs' table as events")
			.anySatisfy(e -> assertThat(e.path("message").asString()).startsWith("RUN "))
			.anySatisfy(e -> assertThat(e.path("message").asString()).contains("COMPLETED"));
	}

	@Test
	void aBadDefinitionIsReportedAsAnEventBeforeSpringStarts() throws Exception {
		CliProcess.Result plan = job().run("plan", "--definition", "jobs/no-such-file.yaml");

		assertThat(plan.exitCode()).as(plan.all()).isEqualTo(2);
		assertThat(events(plan)).singleElement().satisfies(e -> {
			assertThat(e.path("message").asString()).startsWith("error: no such job definition");
			assertThat(field(e, "log.level")).isEqualTo("ERROR");
		});
	}

	@Test
	void anUnexpectedErrorKeepsItsStackTraceInsideAnEvent() throws Exception {
		// a JDBC driver class that does not exist: no failure the job classifies, so an
		// internal error (exit 1)
		CliProcess.Result plan = job().with("SPRING_DATASOURCE_DRIVER_CLASS_NAME", "com.example.NoSuchDriver")
			.run("plan", "--definition", "jobs/disable-all.yaml");

		assertThat(plan.exitCode()).as(plan.all()).isEqualTo(1);
		List<JsonNode> events = events(plan);
		assertThat(events).as("the problem is named in an event")
			.anySatisfy(e -> assertThat(e.path("message").asString()).startsWith("error: ").contains("NoSuchDriver"));
		assertThat(events).as("the stack trace, inside an event")
			.anySatisfy(e -> assertThat(field(e, "error.stack_trace")).contains("\tat "));
	}

	/**
	 * The events on stdout and stderr (Boot's JSON console writes to stdout), each line
	 * checked to be one.
	 */
	private static List<JsonNode> events(CliProcess.Result result) {
		List<JsonNode> events = new ArrayList<>(jsonLines(result.out(), "stdout"));
		events.addAll(jsonLines(result.err(), "stderr"));
		return events;
	}

	/**
	 * Every line of {@code text} parsed as a JSON object; fails naming the first line
	 * that is not one.
	 */
	private static List<JsonNode> jsonLines(String text, String stream) {
		return text.lines().map(line -> {
			try {
				JsonNode node = JSON.readTree(line);
				assertThat(node.isObject()).as("%s line is a JSON object: %s", stream, line).isTrue();
				return node;
			}
			catch (JacksonException e) {
				throw new AssertionError(stream + " has a line that is not JSON: " + line + "\n--- all of it:\n" + text,
						e);
			}
		}).toList();
	}

	private static String field(JsonNode event, String key) {
		return OperationsFunctionalIT.text(event, key);
	}

}

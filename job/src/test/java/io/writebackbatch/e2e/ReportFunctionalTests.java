package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.writebackbatch.report.SummarySchema;
import io.writebackbatch.simulator.FaultConfig;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * The report files of apply and rollback runs, through the CLI: the apply timeline, the
 * rollback section, summary.md as printed, groups.csv with the spreadsheet-formula guard,
 * and every summary.json against its schema.
 */
class ReportFunctionalTests {

	@TempDir
	Path dir;

	GraphSimulator sim;

	Cli cli;

	@BeforeEach
	void setUp() throws IOException {
		// 30 ms per request: the apply lasts a few seconds, long enough for several
		// timeline samples
		sim = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token("report-token")
			.seed(16)
			.unifiedGroups(400)
			.nonUnifiedGroups(10)
			.latency(Duration.ofMillis(30), Duration.ZERO)
			.build());
		cli = new Cli(sim.baseUrl(), sim.token(), dir.resolve("reports")).with("writeback.graph.max-concurrent-batches",
				"1");
	}

	@AfterEach
	void stop() {
		sim.close();
	}

	@Test
	void anApplyRecordsItsTimelineAndTheReportDrawsIt() throws IOException {
		String formula = sim.tenant().createUnifiedGroup("\t=1+2").id();
		// slow answers, so that even on a quiet machine the apply spans several
		// one-second samples
		sim.faults(FaultConfig.none().latency(Duration.ofMillis(400), Duration.ZERO));

		Cli.Result apply = cli.run("apply", "--definition", "jobs/disable-all.yaml");

		assertThat(apply.exitCode()).as(apply.all()).isZero();
		JsonNode summary = SummarySchema.read(dir.resolve("reports/1/summary.json"));
		List<CSVRecord> samples = csv(dir.resolve("reports/1/timeline.csv"));
		assertThat(samples).as("one sample a second, and one when the run ends").hasSizeGreaterThanOrEqualTo(3);
		assertThat(samples.get(samples.size() - 1).get("applied")).as("every outcome counted by the end")
			.isEqualTo(Long.toString(summary.get("updated").asLong()));
		String html = Files.readString(dir.resolve("reports/1/report.html"));
		assertThat(html).contains("id=\"chart-timeline\"").contains("<polyline class=\"line s0\" points=\"");
		assertThat(csv(dir.resolve("reports/1/groups.csv"))).filteredOn(r -> r.get("id").equals(formula))
			.singleElement()
			.satisfies(r -> assertThat(r.get("displayName")).as("formula guard").isEqualTo("'\t=1+2"));
	}

	@Test
	void aRollbackReportNamesTheRunItUndoesAndItsLiteralDifferences() throws IOException {
		assertThat(cli.run("apply", "--definition", "jobs/disable-all.yaml").exitCode()).isZero();

		Cli.Result rollback = cli.run("rollback", "--run", "1", "--apply");

		assertThat(rollback.exitCode()).as(rollback.all()).isZero();
		JsonNode summary = SummarySchema.read(dir.resolve("reports/2/summary.json"));
		assertThat(summary.get("rollbackOf").asLong()).isEqualTo(1);
		String html = Files.readString(dir.resolve("reports/2/report.html"));
		assertThat(html).contains("<section id=\"rollback\">").contains("<a href=\"../1/report.html\">run 1</a>");
		String reason = csv(dir.resolve("reports/2/groups.csv")).stream()
			.filter(r -> r.get("decision").equals("CHANGE"))
			.findFirst()
			.orElseThrow()
			.get("reason");
		assertThat(reason).startsWith("restore the state before run 1: ");
		assertThat(html).as("the announced difference, verbatim (JSON-escaped) in the table's data")
			.contains(reason.replace(">", "\\u003E"));
		assertThat(rollback.out()).contains("# writeback-batch run 2").contains("Rollback of run 1 (apply) completed");
	}

	@Test
	void summaryMdIsPlainMarkdownWithHumanTimes() throws IOException {
		Cli.Result plan = cli.run("plan", "--definition", "jobs/disable-all.yaml");

		assertThat(plan.exitCode()).as(plan.all()).isZero();
		String md = Files.readString(dir.resolve("reports/1/summary.md"), StandardCharsets.UTF_8);
		// printed when the run has ended, so its end time and duration are the final
		// ones; every other line is the file's
		assertThat(plan.out().lines()).containsAll(md.lines()
			.filter(line -> !line.contains("ended") && !line.startsWith("| Ended") && !line.startsWith("| Duration"))
			.toList());
		assertThat(md).doesNotContainPattern("&[a-z]+;|&#")
			.doesNotContain("<")
			.doesNotContainPattern("T\\d\\d:\\d\\d:\\d\\d\\.");
		assertThat(md).containsPattern("started \\w{3} \\d{1,2} \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d")
			.containsPattern("\\| Duration \\| \\d+ (ms|s|min \\d+ s) \\|")
			.contains("| Planned to change | ")
			.contains("| skipped: ALREADY\\_DESIRED | ".replace("\\_", "_"));
		SummarySchema.read(dir.resolve("reports/1/summary.json"));
	}

	@Test
	void theReportCommandWritesTheSameFilesAgainAndKeepsWhoRanIt() throws IOException {
		assertThat(cli.run("plan", "--definition", "jobs/disable-all.yaml").exitCode()).isZero();
		JsonNode first = SummarySchema.read(dir.resolve("reports/1/summary.json"));
		String groupsCsv = Files.readString(dir.resolve("reports/1/groups.csv"));
		Files.delete(dir.resolve("reports/1/groups.csv"));
		Files.delete(dir.resolve("reports/1/report.html"));

		Cli.Result report = cli.run("report", "--run", "1");

		assertThat(report.exitCode()).as(report.all()).isZero();
		assertThat(Files.readString(dir.resolve("reports/1/groups.csv"))).isEqualTo(groupsCsv);
		assertThat(dir.resolve("reports/1/report.html")).isNotEmptyFile();
		JsonNode again = SummarySchema.read(dir.resolve("reports/1/summary.json"));
		assertThat(again.get("ranBy")).isEqualTo(first.get("ranBy"));
		assertThat(again.get("ranBy").get("user").asString()).isEqualTo(System.getProperty("user.name"));
		// the report step writes when the run is about to end; the repository's end time
		// comes moments later
		assertThat(Instant.parse(again.get("endedAt").asString())).isBetween(
				Instant.parse(first.get("endedAt").asString()),
				Instant.parse(first.get("endedAt").asString()).plusSeconds(5));
	}

	private static List<CSVRecord> csv(Path file) throws IOException {
		try (var in = Files.newBufferedReader(file)) {
			return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
		}
	}

}

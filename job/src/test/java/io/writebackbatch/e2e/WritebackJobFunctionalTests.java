package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.writebackbatch.report.SummarySchema;
import io.writebackbatch.simulator.FaultConfig;
import io.writebackbatch.simulator.GroupView;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import io.writebackbatch.simulator.ThrottleConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/** The job end to end, through the CLI, against the simulated tenant over HTTP. */
class WritebackJobFunctionalTests {

	/** A fresh tenant per test: every test starts from the same generated state. */
	GraphSimulator sim;

	@TempDir
	Path dir;

	Cli cli;

	Map<String, GroupView> before;

	@BeforeEach
	void setUp() throws IOException {
		sim = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token("test-token")
			.seed(7)
			.unifiedGroups(600)
			.nonUnifiedGroups(60)
			.build());
		cli = new Cli(sim.baseUrl(), sim.token(), dir.resolve("reports"));
		before = snapshot();
	}

	@Test
	void planChangesNothingAndReportsEveryGroup() throws IOException {
		Cli.Result result = cli.run("plan", "--definition", "jobs/disable-all.yaml");

		assertThat(result.exitCode()).as(result.all()).isZero();
		assertThat(sim.audit()).isEmpty();
		assertThat(snapshot()).isEqualTo(before);
		JsonNode summary = summary(1);
		long unified = before.size();
		assertThat(summary.get("groups").asLong()).isEqualTo(unified);
		assertThat(summary.get("change").asLong() + summary.get("skip").asLong()).isEqualTo(unified);
		assertThat(summary.get("pending").asLong()).isEqualTo(summary.get("change").asLong());
		assertThat(summary.get("change").asLong()).isEqualTo(expectedToDisable().size());
		List<String> csv = Files.readAllLines(dir.resolve("reports/1/groups.csv"));
		assertThat(csv).hasSize((int) unified + 1);
		assertThat(dir.resolve("reports/1/report.html")).exists();
		assertThat(result.out()).contains("Planned to change");
	}

	/**
	 * With the default max-retry-wait (120 s; other tests shorten it), a 503 without
	 * Retry-After on a listing page is retried after seconds: it once made the SDK wait
	 * two minutes, past its call timeout, and failed the inventory.
	 */
	@Test
	void aListingPageAnswered503IsRetriedPromptlyWithTheDefaultRetrySettings() {
		sim.faults(FaultConfig.none().errorRate(0.3));
		long started = System.nanoTime();

		Cli.Result result = cli.run(Map.of("writeback.graph.max-retry-wait", "120s", "writeback.graph.page-size", "50"),
				"plan", "--definition", "jobs/disable-all.yaml");

		assertThat(result.exitCode()).as(result.all()).isZero();
		assertThat(sim.counters().injected5xx()).as("503/504 answers met").isPositive();
		assertThat((System.nanoTime() - started) / 1_000_000_000).as("seconds").isLessThan(60);
	}

	@Test
	void applyChangesExactlyThePlannedGroupsOnce() throws IOException {
		Set<String> expected = expectedToDisable();

		Cli.Result result = cli.run("apply", "--definition", "jobs/disable-all.yaml");

		assertThat(result.exitCode()).as(result.all()).isZero();
		List<String> patched = patchedGroups();
		assertThat(patched).doesNotHaveDuplicates();
		assertThat(Set.copyOf(patched)).isEqualTo(expected);
		Map<String, GroupView> after = snapshot();
		for (GroupView group : before.values()) {
			GroupView now = after.get(group.id());
			if (expected.contains(group.id())) {
				assertThat(now.writebackEnabled()).as(group.id()).isFalse();
			}
			else {
				assertThat(now).as("untouched " + group.id()).isEqualTo(group);
			}
		}
		JsonNode summary = summary(1);
		assertThat(summary.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(summary.get("updated").asLong()).isEqualTo(expected.size());
		assertThat(summary.get("failed").asLong() + summary.get("pending").asLong()).isZero();

		Cli.Result runs = cli.run("runs");
		assertThat(runs.exitCode()).as(runs.all()).isZero();
		assertThat(runs.out()).contains("disable-all")
			.contains("apply")
			.contains("COMPLETED")
			.contains(Integer.toString(expected.size()));
		Files.delete(dir.resolve("reports/1/summary.json"));
		Cli.Result report = cli.run("report", "--run", "1");
		assertThat(report.exitCode()).as(report.all()).isZero();
		assertThat(summary(1).get("updated").asLong()).isEqualTo(expected.size());
		assertThat(cli.run("report", "--run", "99").exitCode()).isEqualTo(2);
	}

	@Test
	void onPremKitListsTheGroupsTheRunDisabledWithTheGivenParameters() throws IOException {
		Set<String> expected = expectedToDisable();
		assertThat(cli.run("apply", "--definition", "jobs/disable-all.yaml").exitCode()).isZero();

		Cli.Result kit = cli.run("onprem-kit", "--run", "1", "--precedence", "42", "--out",
				dir.resolve("kit").toString());

		assertThat(kit.exitCode()).as(kit.all()).isZero();
		List<String> rows = Files.readAllLines(dir.resolve("kit/disabled-groups.csv"));
		Set<String> listed = rows.stream()
			.skip(1)
			.map(row -> row.replace("\uFEFF", "").replaceAll("^\"?([0-9a-f-]{36}).*", "$1"))
			.collect(Collectors.toSet());
		assertThat(listed).isEqualTo(expected);
		assertThat(Files.readString(dir.resolve("kit/01-Create-WritebackDeleteRule.ps1"))).contains("42");
	}

	@Test
	void vanishedGroupsAreReportedNotFatal() throws IOException {
		sim.faults(FaultConfig.none().deleteRate(0.05));

		Cli.Result result = cli.run("apply", "--definition", "jobs/disable-all.yaml");

		assertThat(result.exitCode()).as(result.all()).isZero();
		JsonNode summary = summary(1);
		assertThat(summary.get("notFound").asLong()).isPositive();
		assertThat(summary.get("updated").asLong() + summary.get("notFound").asLong())
			.isEqualTo(summary.get("change").asLong());
		List<String> csv = Files.readAllLines(dir.resolve("reports/1/groups.csv"));
		csv.stream()
			.filter(line -> line.contains(",NOT_FOUND,"))
			.map(line -> line.substring(0, 36))
			.forEach(id -> assertThat(sim.tenant().group(id)).as(id).isEmpty());
	}

	@Test
	void throttlingIsSurvived() throws IOException {
		// a burst of 100 writes, then 100/s: a loaded machine (round trips of a few
		// hundred ms) still outruns that
		// refill with its first few batches in flight, so Graph answers 429 on every run
		// (at 200/s, as before, a
		// loaded run could stay under the refill and never be throttled, which failed the
		// count below)
		sim.throttling(ThrottleConfig.graphLargeTenant().writes(100).timeScale(150));
		Set<String> expected = expectedToDisable();

		Cli.Result result = cli.run("apply", "--definition", "jobs/disable-all.yaml");

		assertThat(result.exitCode()).as(result.all()).isZero();
		assertThat(sim.counters().throttled429()).isPositive();
		assertThat(Set.copyOf(patchedGroups())).isEqualTo(expected);
		expected.forEach(id -> assertThat(sim.tenant().group(id).orElseThrow().writebackEnabled()).isFalse());
	}

	@Test
	void applyOverTheCapIsRefusedAndChangesNothing() throws IOException {
		Path definition = dir.resolve("capped.yaml");
		Files.writeString(definition, "action: disable\nmaxChanges: 3\n");

		Cli.Result result = cli.run("apply", "--definition", definition.toString());

		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).contains("maxChanges: 3").contains("nothing was applied");
		assertThat(sim.audit()).isEmpty();
	}

	@AfterEach
	void stopSimulator() {
		sim.close();
	}

	private Set<String> expectedToDisable() {
		return DisableAll.groupsToChange(before.values());
	}

	private List<String> patchedGroups() {
		return DisableAll.patchedGroups(sim);
	}

	private Map<String, GroupView> snapshot() {
		return sim.tenant().unifiedGroups().stream().collect(Collectors.toMap(GroupView::id, g -> g));
	}

	private JsonNode summary(long run) throws IOException {
		return SummarySchema.read(dir.resolve("reports/" + run + "/summary.json"));
	}

}

package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.writebackbatch.report.SummarySchema;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * {@code inventory: incremental} through the CLI: the first run lists everything, a
 * nightly run afterwards reads the groups created since (and the ones recent runs
 * changed) and sends a small fraction of the requests. The 200,000-group figures are in
 * ThroughputBench's {@code nightly} scenario; this tenant is smaller to keep the default
 * build short. Pages of 20 groups make listing everything (250 pages) dearer than the
 * re-read of what the full run changed (about 210 {@code $batch} requests), as at 200,000
 * groups a week after the full run; at 999 a page the nightly would list everything
 * (NightlyListingChoiceFunctionalTests).
 */
class IncrementalInventoryFunctionalTests {

	static final int GROUPS = 5_000;

	GraphSimulator sim;

	@TempDir
	Path dir;

	Cli cli;

	Path definition;

	@BeforeEach
	void setUp() throws IOException {
		sim = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token("test-token")
			.seed(5)
			.unifiedGroups(GROUPS)
			.nonUnifiedGroups(0)
			.build());
		cli = new Cli(sim.baseUrl(), sim.token(), dir.resolve("reports")).with("writeback.graph.page-size", "20");
		definition = dir.resolve("nightly.yaml");
		Files.writeString(definition, "action: disable\ninventory: incremental\n");
	}

	@AfterEach
	void tearDown() {
		sim.close();
	}

	@Test
	void aNightlyRunReadsOnlyWhatChangedAndChangesExactlyTheNewGroups() throws IOException {
		assertThat(run()).isEqualTo(0);
		assertThat(summary(1).path("changeControl").path("inventory").asString()).isEqualTo("FULL");
		long fullRun = sim.counters().requests();
		Set<String> created = IntStream.range(0, 100)
			.mapToObj(i -> sim.tenant().createUnifiedGroup("Created Tonight " + i).id())
			.collect(Collectors.toSet());
		int audit = sim.audit().size();

		assertThat(run()).isEqualTo(0);

		long nightly = sim.counters().requests() - fullRun;
		assertThat(patchedSince(audit)).containsExactlyInAnyOrderElementsOf(created);
		// the nightly lists only the new groups (5 pages of 20) and writes them (5 $batch
		// of 20), and re-reads by id (20 to a $batch) the groups the full run changed, so
		// a group turned back since is seen; a request or two more at most
		long reReads = (summary(1).path("updated").asLong() + 19) / 20;
		long newGroups = 2 * (100 / 20);
		assertThat(nightly).as("requests of the incremental nightly vs %d of the full run", fullRun)
			.isGreaterThanOrEqualTo(reReads + newGroups)
			.isLessThanOrEqualTo(reReads + newGroups + 2)
			.isLessThan(fullRun / 2);
		JsonNode control = summary(2).path("changeControl");
		assertThat(control.path("inventory").asString()).isEqualTo("INCREMENTAL");
		assertThat(control.path("inventoryReason").asString()).contains("created since").contains("run 1");
		assertThat(summary(2).path("groups").asLong()).as("the new groups and those the full run changed")
			.isEqualTo(100 + summary(1).path("updated").asLong());

		// someone turns one of last night's groups back on: the next nightly re-reads it,
		// reports and fixes it
		String turnedBack = created.stream().sorted().findFirst().orElseThrow();
		sim.tenant().setWriteback(turnedBack, true, null);
		audit = sim.audit().size();
		assertThat(run()).isEqualTo(0);
		assertThat(patchedSince(audit)).containsExactly(turnedBack);
		JsonNode reverted = summary(3).path("changeControl").path("reverted");
		assertThat(reverted.path("sinceRun").asLong()).isEqualTo(2);
		assertThat(reverted.path("count").asLong()).isEqualTo(1);

		// once the last full listing is older than full-inventory-every, the nightly
		// lists everything again
		assertThat(cli
			.run(Map.of("writeback.change-control.full-inventory-every", "0s"), "apply", "--definition",
					definition.toString())
			.exitCode()).isZero();
		assertThat(summary(4).path("changeControl").path("inventory").asString()).isEqualTo("FULL");
		assertThat(summary(4).path("changeControl").path("inventoryReason").asString()).contains("older than");
		assertThat(summary(4).path("groups").asLong()).isEqualTo(GROUPS + 100);
	}

	private int run() {
		Cli.Result result = cli.run("apply", "--definition", definition.toString());
		assertThat(result.exitCode()).as(result.all()).isZero();
		return result.exitCode();
	}

	private List<String> patchedSince(int auditSize) {
		return sim.audit()
			.stream()
			.skip(auditSize)
			.filter(e -> e.method().equals("PATCH"))
			.map(e -> e.target())
			.toList();
	}

	private JsonNode summary(long run) throws IOException {
		return SummarySchema.read(dir.resolve("reports/" + run + "/summary.json"));
	}

}

package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.writebackbatch.report.SummarySchema;
import io.writebackbatch.simulator.SimulatorExtension;
import io.writebackbatch.simulator.SimulatorCounters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * An incremental nightly lists every group on a night when re-reading by id would send
 * more requests (the week after a large full run: docs/results/2026-12-07-nightly.md),
 * says so in its summary, report and log, and returns to the re-read once the groups to
 * re-read are few again.
 */
class NightlyListingChoiceFunctionalTests {

	static final int GROUPS = 2_000;

	@RegisterExtension
	SimulatorExtension sim = new SimulatorExtension(b -> b.seed(7).unifiedGroups(GROUPS).nonUnifiedGroups(0));

	@TempDir
	Path dir;

	Cli cli;

	Path definition;

	@BeforeEach
	void setUp() throws IOException {
		cli = new Cli(sim.baseUrl(), sim.token(), dir.resolve("reports"));
		definition = dir.resolve("nightly.yaml");
		Files.writeString(definition, "action: disable\nmaxChanges: 100000\ninventory: incremental\n");
	}

	@Test
	void theNightAfterALargeFullRunListsEverythingBecauseItIsCheaperAndSaysWhy() throws IOException {
		succeeds();
		long changedByFullRun = summary(1).path("updated").asLong();
		long reReads = (changedByFullRun + 19) / 20;
		long pages = (GROUPS + 998) / 999;
		assertThat(reReads).as("the full run changed enough groups for the rule to matter").isGreaterThan(pages);
		sim.tenant().createUnifiedGroup("Created Tonight");
		SimulatorCounters before = sim.counters();
		Path log = dir.resolve("night-2.log");

		succeeds(Map.of("logging.file.name", log.toString()));

		SimulatorCounters night = sim.counters();
		JsonNode control = summary(2).path("changeControl");
		assertThat(control.path("inventory").asString()).isEqualTo("FULL");
		String why = "re-reading by id the " + changedByFullRun + " groups changed since would cost " + (reReads + 1)
				+ " requests";
		assertThat(control.path("inventoryReason").asString()).contains("listing every group is cheaper tonight")
			.contains(why)
			.contains("listing every group " + pages + " (" + GROUPS + " groups at the last full listing, 999 a page)");
		assertThat(Files.readString(dir.resolve("reports/2/report.html"))).contains("cheaper tonight");
		assertThat(Files.readAllLines(log)).filteredOn(line -> line.contains(" INFO ") && line.contains(why))
			.as("one INFO line names why")
			.hasSize(1);
		assertThat(night.groupListPages() - before.groupListPages()).as("every group listed, once")
			.isEqualTo((GROUPS + 1 + 998) / 999);
		assertThat(night.groupGets() - before.groupGets()).as("no group re-read by id").isZero();
		assertThat(night.requests() - before.requests())
			.as("a listing and the new group's write, not %d re-reads", reReads)
			.isLessThan(reReads);
		assertThat(summary(2).path("updated").asLong()).as("the new group").isEqualTo(1);

		// the full listing is the last one now: the next night re-reads only what it
		// changed
		sim.tenant().createUnifiedGroup("Created The Night After");
		succeeds();
		JsonNode next = summary(3).path("changeControl");
		assertThat(next.path("inventory").asString()).isEqualTo("INCREMENTAL");
		assertThat(next.path("inventoryReason").asString()).contains("full listing of run 2")
			.contains("re-read by id (2 requests, a full listing 3)");
		assertThat(summary(3).path("updated").asLong()).isEqualTo(1);
	}

	private void succeeds() {
		succeeds(Map.of());
	}

	private void succeeds(Map<String, String> settings) {
		Cli.Result result = cli.run(settings, "apply", "--definition", definition.toString());
		assertThat(result.exitCode()).as(result.all()).isZero();
	}

	private JsonNode summary(long run) {
		return SummarySchema.read(dir.resolve("reports/" + run + "/summary.json"));
	}

}

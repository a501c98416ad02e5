package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.writebackbatch.report.SummarySchema;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * Regression tests of issue 21 ("turned back since the last apply looks one apply deep")
 * and issue 20 item 3 (incremental nightly runs blind to turned-back groups of the full
 * run): every group a run changed is compared, on every later run that reads it, with the
 * last state any run of the definition set, and each turn-back is counted once. Pages of
 * 5 groups keep the incremental nightly's re-read cheaper than listing everything (else
 * it would list everything: NightlyListingChoiceFunctionalTests).
 */
class TurnedBackGroupsFunctionalTests {

	GraphSimulator sim;

	@TempDir
	Path dir;

	Cli cli;

	@BeforeEach
	void setUp() {
		try {
			sim = GraphSimulator.start(SimulatorConfig.builder()
				.port(0)
				.token("test-token")
				.seed(20)
				.unifiedGroups(150)
				.nonUnifiedGroups(10)
				.build());
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		cli = new Cli(sim.baseUrl(), sim.token(), dir.resolve("reports")).with("writeback.graph.page-size", "5");
	}

	@AfterEach
	void tearDown() {
		sim.close();
	}

	@Test
	void aGroupChangedTwoAppliesAgoAndTurnedBackIsReportedOnceAndChangedAgain() throws IOException {
		Path definition = definition("inventory: full");
		succeeds("apply", "--definition", definition.toString());
		List<String> changedByFirst = DisableAll.patchedGroups(sim).stream().sorted().limit(3).toList();
		succeeds("apply", "--definition", definition.toString());
		changedByFirst.forEach(id -> sim.tenant().setWriteback(id, true, null));

		succeeds("plan", "--definition", definition.toString());
		succeeds("apply", "--definition", definition.toString());

		assertThat(turnedBack(3)).isEqualTo(Set.copyOf(changedByFirst));
		assertThat(summary(3).path("changeControl").path("reverted").path("count").asLong()).isEqualTo(3);
		assertThat(summary(4).path("changeControl").path("reverted").path("count").asLong())
			.as("counted once: by the plan that first read them")
			.isZero();
		changedByFirst.forEach(id -> assertThat(sim.tenant().group(id).orElseThrow().writebackEnabled()).isFalse());

		sim.tenant().setWriteback(changedByFirst.get(0), true, null);
		succeeds("apply", "--definition", definition.toString());
		assertThat(turnedBack(5)).as("turned back again after run 4 set it again")
			.containsExactly(changedByFirst.get(0));
	}

	@Test
	void anIncrementalNightlyReReadsTheGroupsTheFullRunChangedAndFixesATurnedBackOne() throws IOException {
		Path definition = definition("inventory: incremental");
		succeeds("apply", "--definition", definition.toString());
		String turned = DisableAll.patchedGroups(sim).stream().sorted().findFirst().orElseThrow();
		succeeds("apply", "--definition", definition.toString());
		assertThat(summary(2).path("changeControl").path("inventory").asString()).isEqualTo("INCREMENTAL");
		sim.tenant().setWriteback(turned, true, null);

		succeeds("apply", "--definition", definition.toString());

		JsonNode control = summary(3).path("changeControl");
		assertThat(control.path("inventory").asString()).isEqualTo("INCREMENTAL");
		assertThat(control.path("inventoryReason").asString()).contains("full listing of run 1")
			.contains("restored from deleted items");
		assertThat(turnedBack(3)).containsExactly(turned);
		assertThat(sim.tenant().group(turned).orElseThrow().writebackEnabled()).isFalse();
	}

	private Path definition(String inventory) throws IOException {
		Path definition = dir.resolve("disable.yaml");
		Files.writeString(definition, "action: disable\nmaxChanges: 100000\n" + inventory + "\n");
		return definition;
	}

	private Set<String> turnedBack(long run) {
		Set<String> ids = new HashSet<>();
		summary(run).path("changeControl")
			.path("reverted")
			.path("groups")
			.forEach(g -> ids.add(g.path("id").asString()));
		return ids;
	}

	private void succeeds(String... args) {
		Cli.Result result = cli.run(args);
		assertThat(result.exitCode()).as(result.all()).isZero();
	}

	private JsonNode summary(long run) {
		return SummarySchema.read(dir.resolve("reports/" + run + "/summary.json"));
	}

}

package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import io.writebackbatch.report.SummarySchema;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression tests of issue 21's retention defects: {@code prune} never removes what a
 * pending operation needs (the previous states of the newest applies that changed
 * something, an unfinished application and its plan).
 */
class RetentionOfPendingWorkFunctionalTests {

	static final String[] PRUNE_HARD = { "prune", "--apply", "--older-than", "0s", "--keep-runs", "1", "--keep-applies",
			"1" };

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
			.seed(4)
			.unifiedGroups(120)
			.nonUnifiedGroups(5)
			.build());
		cli = new Cli(sim.baseUrl(), sim.token(), dir.resolve("reports"));
		definition = dir.resolve("disable.yaml");
		Files.writeString(definition, "action: disable\nmaxChanges: 100000\n");
	}

	@AfterEach
	void tearDown() {
		sim.close();
	}

	@Test
	void noOpNightliesDoNotPushOutTheApplyWhoseRollbackIsStillPossible() {
		Set<String> changed = DisableAll.groupsToChange(sim.tenant().unifiedGroups());
		succeeds("apply", "--definition", definition.toString());
		succeeds("apply", "--definition", definition.toString());
		succeeds("apply", "--definition", definition.toString());

		succeeds(PRUNE_HARD);
		Cli.Result rollback = cli.run("rollback", "--run", "1", "--apply");

		assertThat(rollback.exitCode()).as(rollback.all()).isZero();
		changed.forEach(id -> assertThat(sim.tenant().group(id).orElseThrow().writebackEnabled()).as(id)
			.isNotEqualTo(Boolean.FALSE));
	}

	@Test
	void anUnfinishedApplicationAndItsPlanAreKeptPastTheMaximumPlanAge() throws InterruptedException {
		Set<String> planned = DisableAll.groupsToChange(sim.tenant().unifiedGroups());
		succeeds("plan", "--definition", definition.toString());
		String digest = SummarySchema.planDigest(dir.resolve("reports"), 1);
		Cli.Result stopped = FaultAfterWrites.run(sim, 10,
				() -> cli.run(UnfinishedApplicationFunctionalTests.STOPS_AT_FIRST_FAILURE, "apply", "--plan", "1",
						"--digest", digest));
		assertThat(stopped.exitCode()).as(stopped.all()).isEqualTo(3);
		succeeds("plan", "--definition", definition.toString());
		Thread.sleep(1_100);

		Cli.Result prune = cli.run(Map.of("writeback.change-control.max-plan-age", "1s"), PRUNE_HARD);
		assertThat(prune.exitCode()).as(prune.all()).isZero();
		Cli.Result resumed = cli.run("apply", "--plan", "1", "--digest", digest);

		assertThat(resumed.exitCode()).as(resumed.all()).isZero();
		assertThat(Set.copyOf(DisableAll.patchedGroups(sim))).isEqualTo(planned);
	}

	@Test
	void aPlanAlreadyCarriedOutIsNotKeptAsOneThatMayStillBe() {
		succeeds("plan", "--definition", definition.toString());
		succeeds("apply", "--plan", "1");
		succeeds("plan", "--definition", definition.toString());

		Cli.Result dryRun = cli.run("prune", "--older-than", "0s", "--keep-runs", "1");

		assertThat(dryRun.exitCode()).as(dryRun.all()).isZero();
		assertThat(dryRun.out()).as("plan 1 was carried out by run 2: nothing keeps it")
			.containsPattern("(?m)^1\\s+disable\\s+plan\\s+COMPLETED.*PRUNE")
			.doesNotContain("may still be carried out");
	}

	private void succeeds(String... args) {
		Cli.Result result = cli.run(args);
		assertThat(result.exitCode()).as(result.all()).isZero();
	}

}

package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import io.writebackbatch.report.SummarySchema;
import io.writebackbatch.simulator.FaultConfig;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import io.writebackbatch.simulator.SimulatorCounters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Graph that keeps leaving out the {@code writebackConfiguration} the job selected
 * ({@code omittedWritebackRate} 1.0): the job reads such groups again by id, then stops
 * with exit 3 rather than judge such a group "not set" (docs/design/change-control.md
 * section 5); at a high but not total rate (0.3) it keeps each page and completes.
 * Nothing is planned or written on a guess, and the same command completes once Graph
 * answers whole.
 */
class OmittedWritebackFunctionalTests {

	/** Asks again once, at once, so the test does not wait out the back-off. */
	static final Map<String, String> FEW_RETRIES = Map.of("writeback.graph.max-retries", "1");

	GraphSimulator sim;

	@TempDir
	Path dir;

	Cli cli;

	Path definition;

	Set<String> planned;

	@BeforeEach
	void setUp() throws IOException {
		sim = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token("test-token")
			.seed(5)
			.unifiedGroups(60)
			.nonUnifiedGroups(5)
			.build());
		cli = new Cli(sim.baseUrl(), sim.token(), dir.resolve("reports"));
		definition = dir.resolve("disable.yaml");
		Files.writeString(definition, "action: disable\nmaxChanges: 100000\n");
		planned = DisableAll.groupsToChange(sim.tenant().unifiedGroups());
	}

	@AfterEach
	void tearDown() {
		sim.close();
	}

	@Test
	void anApprovedPlanIsNotCarriedOutOnReReadsThatLeftTheWritebackOut() {
		Cli.Result plan = cli.run("plan", "--definition", definition.toString());
		assertThat(plan.exitCode()).as(plan.all()).isZero();
		String digest = SummarySchema.planDigest(dir.resolve("reports"), 1);

		sim.faults(FaultConfig.none().omittedWritebackRate(1.0));
		Cli.Result refused = cli.run(FEW_RETRIES, "apply", "--plan", "1", "--digest", digest);

		assertThat(refused.exitCode()).as(refused.all()).isEqualTo(3);
		assertThat(refused.all()).contains("re-read").contains("writebackConfiguration").doesNotContain("Exception");
		assertThat(DisableAll.patchedGroups(sim)).as("nothing written on a guess").isEmpty();

		sim.faults(FaultConfig.none());
		Cli.Result applied = cli.run("apply", "--plan", "1", "--digest", digest);

		assertThat(applied.exitCode()).as(applied.all()).isZero();
		assertThat(planned).isNotEmpty();
		assertThat(Set.copyOf(DisableAll.patchedGroups(sim))).isEqualTo(planned);
		assertThat(DisableAll.groupsToChange(sim.tenant().unifiedGroups())).as("every planned group changed").isEmpty();
	}

	/**
	 * At 30 % a page of 20 comes whole once in 1,250 tries: the page is kept, and only
	 * its groups that left the writeback out are read again by id ($batch), until Graph
	 * answers them whole.
	 */
	@Test
	void anApplyUnderAHighOmittedRateReReadsOnlyTheIncompleteGroupsAndChangesEveryOne() {
		sim.faults(FaultConfig.none().omittedWritebackRate(0.3));
		SimulatorCounters before = sim.counters();

		Cli.Result apply = cli.run(Map.of("writeback.graph.page-size", "20", "writeback.graph.max-retry-wait", "100ms"),
				"apply", "--definition", definition.toString());

		SimulatorCounters after = sim.counters();
		assertThat(apply.exitCode()).as(apply.all()).isZero();
		assertThat(after.groupListPages() - before.groupListPages()).as("each page of 20 asked once, never again whole")
			.isEqualTo(3);
		assertThat(after.groupGets() - before.groupGets()).as("only the incomplete groups read again by id")
			.isPositive()
			.isLessThan(60);
		assertThat(Set.copyOf(DisableAll.patchedGroups(sim))).isEqualTo(planned);
		assertThat(DisableAll.groupsToChange(sim.tenant().unifiedGroups())).as("every group changed").isEmpty();
		assertThat(SummarySchema.read(dir.resolve("reports/1/summary.json")).path("groups").asLong())
			.as("every unified group listed")
			.isEqualTo(60);
	}

	@Test
	void aPlanOnListingsThatLeftTheWritebackOutPlansNothing() {
		sim.faults(FaultConfig.none().omittedWritebackRate(1.0));
		Cli.Result plan = cli.run(FEW_RETRIES, "plan", "--definition", definition.toString());

		assertThat(plan.exitCode()).as(plan.all()).isEqualTo(3);
		assertThat(plan.all())
			.contains("while listing unified groups, 60 of a page's groups left out the selected "
					+ "writebackConfiguration")
			.contains("Graph kept leaving out the selected writebackConfiguration of 60 groups re-read by id")
			.contains("run 'resume' later")
			.doesNotContain("Exception");
		Cli.Result apply = cli.run("apply", "--plan", "1");
		assertThat(apply.exitCode()).as("no plan 1 to carry out: " + apply.all()).isEqualTo(2);
		assertThat(DisableAll.patchedGroups(sim)).isEmpty();
	}

}

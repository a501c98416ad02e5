package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * Regression tests of issue 21, each found by a sequence of commands: an apply (or the
 * application of an approved plan) that stopped part-way, then another command. The
 * approval is checked at every invocation that writes under a plan, and the unfinished
 * run stays finishable whatever ran in between. See docs/design/change-control.md.
 */
class UnfinishedApplicationFunctionalTests {

	/** Small checkpoints and no tolerance: a 503 stops the apply part-way. */
	static final Map<String, String> STOPS_AT_FIRST_FAILURE = Map.of("writeback.graph.max-retries", "0",
			"writeback.apply.max-failures", "0", "writeback.apply.chunk-size", "20");

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
			.seed(21)
			.unifiedGroups(200)
			.nonUnifiedGroups(10)
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
	void aWrongDigestIsRefusedWhenItWouldContinueAnApplicationThatStoppedPartWay() throws IOException {
		String digest = plan();
		stopPartWay("apply", "--plan", "1", "--digest", digest);
		int written = patches();

		Cli.Result wrong = cli.run("apply", "--plan", "1", "--digest", "0".repeat(64));
		Cli.Result none = cli.run("apply", "--plan", "1");

		assertThat(wrong.exitCode()).as(wrong.all()).isEqualTo(2);
		assertThat(wrong.err()).contains("does not match plan 1's digest");
		assertThat(none.exitCode()).as(none.all()).isEqualTo(2);
		assertThat(none.err()).contains("approved with its digest").contains("apply --plan 1 --digest");
		assertThat(patches()).isEqualTo(written);

		Cli.Result right = cli.run("apply", "--plan", "1", "--digest", digest);
		assertThat(right.exitCode()).as(right.all()).isZero();
		assertThat(Set.copyOf(DisableAll.patchedGroups(sim))).isEqualTo(planned);
		assertThat(right.out() + right.err()).doesNotContain("Exception");
	}

	@Test
	void resumeAndScheduledDoNotContinueAnApplicationApprovedByDigestWithoutIt() {
		String digest = plan();
		stopPartWay("apply", "--plan", "1", "--digest", digest);
		int written = patches();

		Cli.Result resume = cli.run("resume", "--definition", definition.toString());
		Cli.Result scheduled = cli.run("scheduled", "--definition", definition.toString());
		Cli.Result apply = cli.run("apply", "--definition", definition.toString());

		for (Cli.Result refused : List.of(resume, scheduled)) {
			assertThat(refused.exitCode()).as(refused.all()).isEqualTo(2);
			assertThat(refused.err()).contains("run 2 carries out plan 1, approved with its digest")
				.contains("apply --plan 1 --digest");
		}
		assertThat(apply.exitCode()).as(apply.all()).isEqualTo(2);
		assertThat(apply.err()).contains("run 2, apply of plan 1, FAILED").contains("apply --plan 1 --digest");
		assertThat(patches()).isEqualTo(written);
	}

	@Test
	void anApplicationStartedWithoutDigestIsContinuedByResumeAfterTheSealIsCheckedAgain() {
		plan();
		stopPartWay("apply", "--plan", "1");

		Cli.Result resume = cli.run("resume", "--definition", definition.toString());

		assertThat(resume.exitCode()).as(resume.all()).isZero();
		assertThat(Set.copyOf(DisableAll.patchedGroups(sim))).isEqualTo(planned);
	}

	@Test
	void anApplicationThatStoppedStaysFinishableAfterAPlanAndAnotherDefinition() throws IOException {
		String digest = plan();
		stopPartWay("apply", "--plan", "1", "--digest", digest);
		Path other = dir.resolve("other.yaml");
		Files.writeString(other, "action: disable\nmaxChanges: 99999\n");
		succeeds("plan", "--definition", definition.toString());
		succeeds("plan", "--definition", other.toString());
		succeeds("runs");
		succeeds("prune", "--apply", "--older-than", "0s", "--keep-runs", "1", "--keep-applies", "1");

		Cli.Result resumed = cli.run("apply", "--plan", "1", "--digest", digest);

		assertThat(resumed.exitCode()).as(resumed.all()).isZero();
		assertThat(resumed.out()).contains("# writeback-batch run 2");
		assertThat(Set.copyOf(DisableAll.patchedGroups(sim))).isEqualTo(planned);
		assertThat(SummarySchema.read(dir.resolve("reports/2/summary.json")).path("updated").asLong())
			.isEqualTo(planned.size());
	}

	@Test
	void aPlainApplyThatStoppedIsResumedAfterAPlanAndRefusesANewApply() {
		stopPartWay("apply", "--definition", definition.toString());
		succeeds("plan", "--definition", definition.toString());

		Cli.Result apply = cli.run("apply", "--definition", definition.toString());
		Cli.Result applyPlan = cli.run("apply", "--plan", "2");
		assertThat(apply.exitCode()).as(apply.all()).isEqualTo(2);
		assertThat(apply.err()).contains("run 1, apply, FAILED").contains("resume --definition");
		assertThat(applyPlan.exitCode()).as(applyPlan.all()).isEqualTo(2);
		assertThat(applyPlan.err()).contains("run 1, apply, FAILED").contains("then carry out plan 2");

		Cli.Result resumed = cli.run("resume", "--definition", definition.toString());

		assertThat(resumed.exitCode()).as(resumed.all()).isZero();
		assertThat(resumed.out()).contains("# writeback-batch run 1");
		assertThat(Set.copyOf(DisableAll.patchedGroups(sim))).isEqualTo(planned);
	}

	@Test
	void aRollbackEndsTheUnfinishedApplyItUndoesSoNothingContinuesIt() {
		stopPartWay("apply", "--definition", definition.toString());
		Set<String> written = Set.copyOf(DisableAll.patchedGroups(sim));

		Cli.Result rollback = cli.run("rollback", "--run", "1", "--apply");
		assertThat(rollback.exitCode()).as(rollback.all()).isZero();
		assertThat(DisableAll.groupsToChange(sim.tenant().unifiedGroups())).as("every group as before the apply")
			.isEqualTo(planned);
		int afterRollback = patches();

		Cli.Result resume = cli.run("resume", "--definition", definition.toString());
		assertThat(resume.exitCode()).as(resume.all()).isEqualTo(2);
		assertThat(resume.err()).contains("run 1, apply, ABANDONED").contains("undone by its rollback");
		assertThat(patches()).as("resume wrote nothing").isEqualTo(afterRollback);

		Cli.Result runs = cli.run("runs");
		assertThat(runs.out()).containsPattern("(?m)^\\s*1\\b.*ABANDONED.*  undone by rollback 2$");
		assertThat(SummarySchema.read(dir.resolve("reports/1/summary.json")).path("undoneByRollback").asLong())
			.as("a typed field, not only text in the exit description")
			.isEqualTo(2);
		assertThat(SummarySchema.read(dir.resolve("reports/2/summary.json")).path("undoneByRollback").isNull())
			.isTrue();
		assertThat(dir.resolve("reports/1/report.html")).content().contains("undone by rollback run 2");

		// a rollback sticks: the unchanged definition's nightly is refused, writing
		// nothing; an apply --new-run asked for on purpose starts a new run that reads
		// the
		// tenant afresh
		Cli.Result refused = cli.run("scheduled", "--definition", definition.toString());
		assertThat(refused.exitCode()).as(refused.all()).isEqualTo(2);
		assertThat(refused.err()).contains("undone by rollback run 2");
		assertThat(patches()).as("a refused nightly wrote nothing").isEqualTo(afterRollback);
		Cli.Result scheduled = cli.run("apply", "--new-run", "--definition", definition.toString());
		assertThat(scheduled.exitCode()).as(scheduled.all()).isZero();
		assertThat(scheduled.out()).doesNotContain("# writeback-batch run 1\n").doesNotContain("resuming run 1");
		assertThat(DisableAll.groupsToChange(sim.tenant().unifiedGroups())).isEmpty();
		assertThat(written).isNotEmpty();
	}

	private String plan() {
		Cli.Result plan = cli.run("plan", "--definition", definition.toString());
		assertThat(plan.exitCode()).as(plan.all()).isZero();
		return SummarySchema.planDigest(dir.resolve("reports"), 1);
	}

	/**
	 * Runs an apply that stops part-way (exit 3): once it has written some groups, every
	 * request is answered 503.
	 */
	private void stopPartWay(String... args) {
		Cli.Result stopped = FaultAfterWrites.run(sim, 10, () -> cli.run(STOPS_AT_FIRST_FAILURE, args));
		assertThat(stopped.exitCode()).as(stopped.all()).isEqualTo(3);
		assertThat(patches()).as("stopped part-way").isPositive().isLessThan(planned.size());
	}

	private void succeeds(String... args) {
		Cli.Result result = cli.run(args);
		assertThat(result.exitCode()).as(result.all()).isZero();
	}

	private int patches() {
		return (int) sim.audit().stream().filter(e -> e.method().equals("PATCH")).count();
	}

}

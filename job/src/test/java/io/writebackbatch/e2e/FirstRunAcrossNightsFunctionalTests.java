package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first run larger than a night (docs/guide/operations.md#first-run): with
 * {@code writeback.apply.max-duration} shorter than the run, each nightly
 * {@code scheduled} pauses at a chunk boundary (exit 0, the run STOPPED with its place
 * recorded) and the next continues it. The maximum here is shorter than the inventory, so
 * each night sends exactly one chunk (the check follows a chunk): three nights finish a
 * run of three chunks, deterministically, in seconds.
 */
class FirstRunAcrossNightsFunctionalTests {

	private static final Path DISABLE_ALL = Path.of("jobs/disable-all.yaml");

	@TempDir
	Path dir;

	GraphSimulator sim;

	Cli cli;

	Set<String> expected;

	int chunk;

	@BeforeEach
	void tenant() throws IOException {
		sim = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token("nights")
			.seed(23)
			.unifiedGroups(300)
			.nonUnifiedGroups(10)
			.build());
		expected = DisableAll.groupsToChange(sim.tenant().unifiedGroups());
		chunk = (expected.size() + 2) / 3;
		cli = new Cli(sim.baseUrl(), sim.token(), dir.resolve("reports")).with("writeback.apply.chunk-size",
				Integer.toString(chunk));
	}

	@AfterEach
	void stop() {
		sim.close();
	}

	@Test
	void threeNightsFinishTheRunAndNothingIsSentTwice() {
		Map<String, String> night = Map.of("writeback.apply.max-duration", "1ms");

		for (int n = 1; n <= 2; n++) {
			Cli.Result paused = cli.run(night, "scheduled", "--definition", DISABLE_ALL.toString());

			assertThat(paused.exitCode()).as("night %d: %s", n, paused.all()).isZero();
			assertThat(paused.err()).as("night %d", n)
				.contains("run 1 paused at writeback.apply.max-duration")
				.contains("the next 'scheduled' continues it")
				.doesNotContain("STOPPED:");
			assertThat(DisableAll.patchedGroups(sim)).as("PATCHes after night %d", n).hasSize(chunk * n);
		}
		Cli.Result last = cli.run(night, "scheduled", "--definition", DISABLE_ALL.toString());

		assertThat(last.exitCode()).as(last.all()).isZero();
		assertThat(last.all()).contains("Run 1 of").contains("completed").doesNotContain("paused");
		DisableAll.assertApplied(sim, expected);
		List<String> patched = DisableAll.patchedGroups(sim);
		assertThat(patched).as("no group patched twice: each pause left nothing in flight")
			.doesNotHaveDuplicates()
			.hasSize(expected.size());
	}

	@Test
	void aPersonsApplyThatPausesExitsFiveAndResumeFinishesIt() {
		Cli.Result paused = cli.run(Map.of("writeback.apply.max-duration", "1ms"), "apply", "--definition",
				DISABLE_ALL.toString());

		assertThat(paused.exitCode()).as(paused.all()).isEqualTo(5);
		assertThat(paused.err()).contains("paused at writeback.apply.max-duration")
			.contains("continue it with: resume --definition");
		assertThat(DisableAll.patchedGroups(sim)).hasSize(chunk);

		Cli.Result resumed = cli.run("resume", "--definition", DISABLE_ALL.toString());

		assertThat(resumed.exitCode()).as(resumed.all()).isZero();
		DisableAll.assertApplied(sim, expected);
		assertThat(DisableAll.patchedGroups(sim)).doesNotHaveDuplicates();
	}

	@Test
	void planTellsHowLongTheApplyTakesAndHowManyNights() {
		Cli.Result plan = cli.run(Map.of("writeback.apply.max-duration", "5s", "writeback.apply.write-rate", "10"),
				"plan", "--definition", DISABLE_ALL.toString());

		assertThat(plan.exitCode()).as(plan.all()).isZero();
		long seconds = (expected.size() + 9) / 10;
		assertThat(plan.out())
			.contains("apply estimate: " + expected.size() + " changes at 10 writes/s take about "
					+ (seconds / 60 > 0 ? seconds / 60 + "m " + seconds % 60 + "s" : seconds + "s"))
			.contains("that is " + ((seconds + 4) / 5) + " runs");
	}

	@Test
	void aMaxDurationThatIsNotPositiveIsRefusedBeforeTheRun() {
		Cli.Result result = cli.run(Map.of("writeback.apply.max-duration", "0s"), "scheduled", "--definition",
				DISABLE_ALL.toString());

		assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
		assertThat(result.err()).contains("writeback.apply.max-duration must be positive, was PT0S: give a duration");
		assertThat(DisableAll.patchedGroups(sim)).isEmpty();
	}

}

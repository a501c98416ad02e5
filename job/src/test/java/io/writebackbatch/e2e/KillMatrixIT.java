package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import io.writebackbatch.AllPairs;
import io.writebackbatch.report.SummarySchema;
import io.writebackbatch.simulator.FaultConfig;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The process-kill matrix: the packaged job's {@code apply}, stopped by a signal (SIGTERM
 * as Kubernetes sends it, SIGKILL as an OOM kill or a lost node does) in a phase (listing
 * the groups, writing them) on a job repository (an H2 file, PostgreSQL), then continued
 * by one of the commands an operator or a CronJob uses ({@code resume},
 * {@code scheduled}, a replacement pod's {@code apply --resume-unfinished}). Every cell
 * checks the same things: how the signalled process ended, that the continuation resumes
 * run 1 from its checkpoint (no second run, no page listed again beyond the saved one),
 * that the tenant ends exactly as after an uninterrupted run, and that nothing was sent
 * twice except, after a SIGKILL, the requests in flight. A signal, phase, repository or
 * continuation added to its enum adds its rows. The default run meets every pair of
 * signal, phase and repository; {@code -Preliability} every combination. The cells run
 * side by side, each with its own tenant and repository. Full-size random trials (signals
 * at any moment, also while planning and reporting): {@code mvn -Preliability verify}
 * (ReliabilityIT).
 */
class KillMatrixIT {

	private static final int GROUPS = 1000;

	private static final int PAGE_SIZE = 50;

	private static final int CHUNK = 100;

	private static final int CONCURRENT_BATCHES = 2;

	/** The PATCHes that can be in flight: the batches of one chunk that run at once. */
	private static final int IN_FLIGHT = CONCURRENT_BATCHES * 20;

	private static final String TOKEN = "kill-matrix-token";

	/** The reliability profile runs every combination, the default run every pair. */
	private static final boolean ALL_COMBINATIONS = Boolean.getBoolean("reliability.full");

	@RegisterExtension
	static final PostgresDatabase postgres = new PostgresDatabase("kills");

	enum Signal {

		SIGTERM, SIGKILL

	}

	enum Phase {

		/** A third of the listing pages read. */
		INVENTORY,

		/** A third of the planned groups written. */
		APPLY

	}

	enum Repository {

		H2_FILE, POSTGRESQL

	}

	enum Continuation {

		RESUME("resume"), SCHEDULED("scheduled"), REPLACEMENT_POD("apply", "--resume-unfinished");

		private final List<String> command;

		Continuation(String... command) {
			this.command = List.of(command);
		}

	}

	record Cell(int number, Signal signal, Phase phase, Repository repository, Continuation continuation) {

		@Override
		public String toString() {
			return signal + " while " + phase + " on " + repository + ", then " + continuation;
		}

	}

	/**
	 * Every pair of a signal, a phase and a repository (4 rows); with
	 * {@code -Preliability} every combination (8 rows). The continuations take turns.
	 */
	static Stream<Cell> cells() {
		List<List<?>> factors = List.of(List.of(Signal.values()), List.of(Phase.values()),
				List.of(Repository.values()));
		List<List<Object>> rows = ALL_COMBINATIONS ? AllPairs.product(factors) : AllPairs.of(factors);
		List<Cell> cells = new ArrayList<>();
		for (List<Object> row : rows) {
			Continuation continuation = Continuation.values()[cells.size() % Continuation.values().length];
			cells.add(new Cell(cells.size(), (Signal) row.get(0), (Phase) row.get(1), (Repository) row.get(2),
					continuation));
		}
		return cells.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cells")
	@Execution(ExecutionMode.CONCURRENT)
	void aSignalledRunIsContinuedToTheEndAsIfUninterrupted(Cell cell, @TempDir Path dir) throws Exception {
		try (GraphSimulator sim = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token(TOKEN)
			.seed(60 + cell.number())
			.unifiedGroups(GROUPS)
			.nonUnifiedGroups(GROUPS / 10)
			.faults(FaultConfig.none().latency(Duration.ofMillis(15), Duration.ofMillis(15)))
			.build())) {
			Set<String> expected = DisableAll.groupsToChange(sim.tenant().unifiedGroups());
			CliProcess job = CliProcess.withEnv(env(cell, sim, dir));
			String definition = dir.resolve("disable-all.yaml").toString();
			Files.copy(Path.of("jobs/disable-all.yaml"), Path.of(definition));

			CliProcess.Running apply = job.start("apply", "--definition", definition);
			BooleanSupplier reached = switch (cell.phase()) {
				case INVENTORY -> () -> sim.counters().groupListPages() >= GROUPS / PAGE_SIZE / 3;
				case APPLY -> () -> DisableAll.patchedGroups(sim).size() >= expected.size() / 3;
			};
			CliProcess.awaitWhileAlive(apply.process, reached);
			CliProcess.Result signalled = signal(cell.signal(), apply);
			long pagesBefore = settled(sim);

			assertSignalledEnd(cell, signalled, dir, DisableAll.patchedGroups(sim));

			List<String> args = new ArrayList<>(cell.continuation().command);
			args.addAll(List.of("--definition", definition));
			CliProcess.Result continued = job.run(args.toArray(String[]::new));

			assertThat(continued.exitCode()).as(continued.all()).isZero();
			assertThat(continued.all()).as("the continuation resumes the signalled run").contains("resuming run 1");
			if (cell.signal() == Signal.SIGKILL) {
				assertThat(continued.all()).as("a killed run is found left STARTED by a process that is gone")
					.contains("its process is gone");
			}
			if (cell.phase() == Phase.INVENTORY) {
				long pages = (GROUPS + PAGE_SIZE - 1) / PAGE_SIZE;
				// at most the saved page, the page being staged and the one read ahead
				assertThat(sim.counters().groupListPages() - pagesBefore).as("pages listed again")
					.isLessThanOrEqualTo(pages - pagesBefore + 3);
			}
			DisableAll.assertApplied(sim, expected);
			List<String> patched = DisableAll.patchedGroups(sim);
			int resent = patched.size() - Set.copyOf(patched).size();
			boolean inFlightLost = cell.signal() == Signal.SIGKILL && cell.phase() == Phase.APPLY;
			assertThat(resent).as("PATCHes sent twice").isLessThanOrEqualTo(inFlightLost ? IN_FLIGHT : 0);
			JsonNode summary = SummarySchema.read(dir.resolve("reports/1/summary.json"));
			assertThat(summary.get("pending").asLong()).as("run 1's report: nothing pending").isZero();
			assertThat(dir.resolve("reports/2")).as("no second run was started").doesNotExist();
		}
	}

	private static Map<String, String> env(Cell cell, GraphSimulator sim, Path dir) throws Exception {
		Map<String, String> env = new HashMap<>(
				Map.of("GRAPH_BASE_URL", sim.baseUrl(), "GRAPH_ACCESS_TOKEN", TOKEN, "WRITEBACK_REPORT_DIRECTORY",
						dir.resolve("reports").toString(), "WRITEBACK_GRAPH_PAGE_SIZE", Integer.toString(PAGE_SIZE),
						"WRITEBACK_APPLY_CHUNK_SIZE", Integer.toString(CHUNK), "WRITEBACK_GRAPH_MAX_CONCURRENT_BATCHES",
						Integer.toString(CONCURRENT_BATCHES), "WRITEBACK_SHUTDOWN_GRACE_PERIOD", "30s"));
		switch (cell.repository()) {
			// an operator's URL, without the default's WRITE_DELAY=0: the job turns the
			// delay off
			// itself, or a killed process loses its last checkpoints
			case H2_FILE -> env.put("SPRING_DATASOURCE_URL", "jdbc:h2:file:" + dir.resolve("db/writeback"));
			case POSTGRESQL -> {
				env.put("SPRING_DATASOURCE_URL", postgres.createEmptyDatabase("cell" + cell.number()));
				env.put("SPRING_DATASOURCE_USERNAME", PostgresDatabase.USERNAME);
				env.put("SPRING_DATASOURCE_PASSWORD", PostgresDatabase.PASSWORD);
			}
		}
		return env;
	}

	private static CliProcess.Result signal(Signal signal, CliProcess.Running running) throws Exception {
		switch (signal) {
			case SIGTERM -> running.process.destroy();
			case SIGKILL -> running.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		return running.await();
	}

	/**
	 * Waits until the tenant has answered what the signalled process had sent (a batch in
	 * flight lands after a killed process is gone); returns the listing pages read by
	 * then.
	 */
	private static long settled(GraphSimulator sim) throws InterruptedException {
		long seen = -1;
		long now = sim.counters().requests();
		while (now != seen) {
			seen = now;
			Thread.sleep(500);
			now = sim.counters().requests();
		}
		return sim.counters().groupListPages();
	}

	private static void assertSignalledEnd(Cell cell, CliProcess.Result signalled, Path dir, List<String> patched) {
		if (cell.phase() == Phase.INVENTORY) {
			assertThat(patched).as("nothing applied before the plan").isEmpty();
		}
		if (cell.signal() == Signal.SIGKILL) {
			assertThat(signalled.exitCode()).as(signalled.all()).isEqualTo(137);
			return;
		}
		assertThat(signalled.exitCode()).as(signalled.all()).isEqualTo(3);
		assertThat(signalled.err()).as(signalled.all())
			.contains("run 1 STOPPED")
			.contains("resume --definition")
			.doesNotContain("FAILED");
		assertThat(signalled.out()).contains("stop requested by a shutdown signal (SIGTERM or Ctrl-C)");
		if (cell.phase() == Phase.INVENTORY) {
			return;
		}
		JsonNode summary = SummarySchema.read(dir.resolve("reports/1/summary.json"));
		assertThat(summary.get("pending").asLong()).as("some groups left for the continuation").isPositive();
		assertThat(summary.get("updated").asLong()).as("every PATCH sent before the stop is recorded")
			.isEqualTo(patched.size());
		assertThat(dir.resolve("reports/1/report.html")).exists();
	}

}

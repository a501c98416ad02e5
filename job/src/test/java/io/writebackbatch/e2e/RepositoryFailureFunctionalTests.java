package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.writebackbatch.simulator.FaultConfig;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job repository fails under a running apply, through the packaged CLI as its own process: the process says why
 * and exits 3 within 10 seconds (never spins, never lingers), and {@code scheduled} then completes the run with
 * nothing lost and nothing re-sent beyond the requests in flight.
 * <ul>
 * <li>H2: the file can no longer grow (the process's file-size limit is lowered to the file's current size with
 * {@code prlimit}: what a full volume does to H2, which then closes the database).</li>
 * <li>PostgreSQL: the server drops every session of the job's database and refuses new ones for a few seconds.
 * This is a restart as the job sees it, confined to the test's own database: restarting the machine's shared
 * cluster ({@code pg_ctlcluster 15 main restart}) would break the other test classes using it at the same time.</li>
 * </ul>
 */
class RepositoryFailureFunctionalTests {

	private static final int CHUNK = 100;

	private static final String TOKEN = "repository-failure-token";

	/** From the moment the repository breaks to the process's end. */
	private static final Duration EXIT_WITHIN = Duration.ofSeconds(10);

	@RegisterExtension
	static final PostgresDatabase postgres = new PostgresDatabase("repofail");

	@TempDir
	Path dir;

	GraphSimulator sim;

	Set<String> expected;

	Path definition;

	@BeforeEach
	void startTenant() throws IOException {
		sim = GraphSimulator.start(SimulatorConfig.builder().port(0).token(TOKEN).seed(41).unifiedGroups(1500)
			.nonUnifiedGroups(100).faults(FaultConfig.none().latency(Duration.ofMillis(40), Duration.ofMillis(10)))
			.build());
		expected = DisableAll.groupsToChange(sim.tenant().unifiedGroups());
		definition = dir.resolve("disable-all.yaml");
		Files.copy(Path.of("jobs/disable-all.yaml"), definition);
	}

	@AfterEach
	void stop() {
		sim.close();
	}

	private CliProcess job(String url, String username, String password) {
		return CliProcess.withEnv(Map.of("GRAPH_BASE_URL", sim.baseUrl(), "GRAPH_ACCESS_TOKEN", TOKEN,
				"SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME", username, "SPRING_DATASOURCE_PASSWORD",
				password, "WRITEBACK_REPORT_DIRECTORY", dir.resolve("reports").toString(), "WRITEBACK_GRAPH_PAGE_SIZE",
				"50", "WRITEBACK_APPLY_CHUNK_SIZE", Integer.toString(CHUNK), "WRITEBACK_GRAPH_MAX_CONCURRENT_BATCHES", "2"));
	}

	@Test
	void anH2FileThatCannotBeWrittenEndsTheProcessWithExit3AndScheduledCompletesTheRun() throws Exception {
		Path prlimit = Path.of("/usr/bin/prlimit");
		assumeTrue(Files.isExecutable(prlimit), "needs util-linux's prlimit to make the H2 file unwritable");
		Path file = dir.resolve("data/writeback.mv.db");
		CliProcess h2 = job("jdbc:h2:file:" + dir.resolve("data/writeback") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
				"sa", "");
		CliProcess.Running apply = h2.start("apply", "--definition", definition.toString());
		CliProcess.awaitWhileAlive(apply.process, () -> patched().size() >= expected.size() / 3);

		long brokenAt = System.nanoTime();
		Process limit = new ProcessBuilder(prlimit.toString(), "--pid", Long.toString(apply.process.pid()),
				"--fsize=" + Files.size(file)).inheritIO().start();
		assertThat(limit.waitFor(10, TimeUnit.SECONDS) && limit.exitValue() == 0).as("prlimit applied").isTrue();

		CliProcess.Result failed = awaitExit(apply, brokenAt);
		assertRepositoryFailure(212, "the H2 job repository's file cannot be written mid-apply (volume full)", failed);

		CliProcess.Result scheduled = h2.run("scheduled", "--definition", definition.toString());
		assertCompletedWithinTheInFlightBound(scheduled);
	}

	@Test
	void aPostgresqlRestartMidApplyEndsTheProcessWithExit3AndScheduledCompletesTheRun() throws Exception {
		String admin = postgres.createEmptyDatabase("admin");
		CliProcess pg = job(postgres.url(), PostgresDatabase.USERNAME, PostgresDatabase.PASSWORD);
		CliProcess.Running apply = pg.start("apply", "--definition", definition.toString());
		CliProcess.awaitWhileAlive(apply.process, () -> patched().size() >= expected.size() / 3);

		long brokenAt = System.nanoTime();
		serverGoesAway(admin, postgres.database());
		CliProcess.Result failed;
		try {
			failed = awaitExit(apply, brokenAt);
		}
		finally {
			serverIsBack(admin, postgres.database());
		}
		assertRepositoryFailure(213, "PostgreSQL restarts mid-apply (every session dropped, connections refused)",
				failed);

		CliProcess.Result scheduled = pg.run("scheduled", "--definition", definition.toString());
		assertCompletedWithinTheInFlightBound(scheduled);
		assertThat(scheduled.all()).contains("its process is gone");
	}

	/**
	 * A node was lost with the run lock's session still open on the server (nothing closed it): the replacement is
	 * refused only while the lease runs, then ends that session and runs, instead of getting exit 4 until the server
	 * notices.
	 */
	@Test
	void aRunLockWhoseSessionWentSilentIsTakenOverOnceTheLeaseRunsOut() throws Exception {
		CliProcess pg = job(postgres.url(), PostgresDatabase.USERNAME, PostgresDatabase.PASSWORD)
			.with("WRITEBACK_RUNS_LOCK_LEASE", "3s");
		try (Connection lostNode = postgres.connect(); Statement statement = lostNode.createStatement()) {
			statement.execute("SELECT pg_advisory_lock(" + lockKey(definition) + ")");

			CliProcess.Result refused = pg.with("WRITEBACK_RUNS_LOCK_LEASE", "10m")
				.run("scheduled", "--definition", definition.toString());
			assertThat(refused.exitCode()).as("while the holder was last heard of within the lease: " + refused.all())
				.isEqualTo(4);
			assertThat(refused.err()).contains("refused: another writeback-batch process is running definition");

			Thread.sleep(3_500); // the lost node's session stays silent
			CliProcess.Result replacement = pg.run("scheduled", "--definition", definition.toString());

			assertThat(replacement.exitCode()).as(replacement.all()).isZero();
			assertThat(replacement.all()).contains("its process is gone; ended that session");
			assertThat(lostNode.isValid(5)).as("the lost node's session was ended").isFalse();
		}
		DisableAll.assertApplied(sim, expected);
	}

	/** The advisory lock key of a definition file, as the job computes it (SHA-256 of its absolute path). */
	private static long lockKey(Path definition) throws Exception {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(("writeback-batch:"
				+ definition.toAbsolutePath().normalize()).getBytes(StandardCharsets.UTF_8));
		return ByteBuffer.wrap(digest).getLong();
	}

	private CliProcess.Result awaitExit(CliProcess.Running running, long brokenAt) throws Exception {
		boolean ended = running.process.waitFor(EXIT_WITHIN.toMillis() + 5_000, TimeUnit.MILLISECONDS);
		Duration took = Duration.ofNanos(System.nanoTime() - brokenAt);
		if (!ended) {
			running.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		CliProcess.Result result = running.await();
		assertThat(ended).as("the process ended (it lingered): " + result.all()).isTrue();
		assertThat(took).as("from the repository's failure to the process's end").isLessThanOrEqualTo(EXIT_WITHIN);
		return result;
	}

	private void assertRepositoryFailure(int number, String input, CliProcess.Result failed) {
		assertThat(failed.exitCode()).as(failed.all()).isEqualTo(3);
		String firstLine = failed.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("");
		assertThat(firstLine).as(failed.err()).startsWith("error: the job repository failed during the run: ")
			.contains("the run is resumable (exit 3)");
		assertThat(failed.err()).doesNotContain("\tat ");
		Catalogue.row(number, input, "apply --definition disable-all.yaml", firstLine.replaceAll(
				"during the run: .*; the run is resumable", "during the run: <the database's words>; the run is resumable"),
				failed.exitCode());
	}

	private void assertCompletedWithinTheInFlightBound(CliProcess.Result scheduled) {
		assertThat(scheduled.exitCode()).as(scheduled.all()).isZero();
		assertThat(scheduled.all()).containsPattern("resuming run \\d+");
		DisableAll.assertApplied(sim, expected);
		List<String> patched = patched();
		assertThat(patched.size() - Set.copyOf(patched).size()).as("PATCHes re-sent after the failure")
			.isLessThanOrEqualTo(CHUNK);
	}

	/** Every session of the database dropped, new ones refused: what the job sees of a server restart. */
	private static void serverGoesAway(String admin, String database) throws SQLException {
		try (Connection connection = DriverManager.getConnection(admin, PostgresDatabase.USERNAME,
				PostgresDatabase.PASSWORD); Statement statement = connection.createStatement()) {
			statement.execute("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS false");
			statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
		}
	}

	private static void serverIsBack(String admin, String database) throws SQLException {
		try (Connection connection = DriverManager.getConnection(admin, PostgresDatabase.USERNAME,
				PostgresDatabase.PASSWORD); Statement statement = connection.createStatement()) {
			statement.execute("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS true");
		}
	}

	private List<String> patched() {
		return DisableAll.patchedGroups(sim);
	}

	@AfterAll
	static void writeCatalogue() {
		Catalogue.write();
	}
}

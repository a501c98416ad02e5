package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.writebackbatch.report.SummarySchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job repository fails under a running apply of the packaged jar ({@code java -jar},
 * its own process): the process says why and exits 3 within 10 seconds (it never spins,
 * never lingers), its run lock goes with it, and {@code scheduled} from the packaged jar
 * then recovers and completes the same run: every planned group changed, nothing else
 * written, nothing re-sent beyond the requests in flight at the failure.
 * <ul>
 * <li>PostgreSQL: the server itself stops ({@code pg_ctl stop -m fast}: every session
 * ended with SQLState 57P01, then connections refused) and starts again; the class owns
 * its server ({@link PostgresDatabase}).</li>
 * <li>H2: the file can no longer grow (the process's file-size limit lowered to the
 * file's size with {@code prlimit}: what a full volume does to H2, which then closes the
 * database).</li>
 * </ul>
 */
@EnabledIfSystemProperty(named = "writeback.it", matches = "true",
		disabledReason = "needs the packaged jar: runs in mvn verify (failsafe)")
class RepositoryFailureIT {

	private static final int CHUNK = 100;

	private static final int CONCURRENT_BATCHES = 2;

	/**
	 * Outcomes a dying process may have had answered by Graph and not recorded: the
	 * batches in flight.
	 */
	private static final int IN_FLIGHT = CHUNK;

	/** From the moment the repository breaks to the process's end. */
	private static final Duration EXIT_WITHIN = Duration.ofSeconds(10);

	@RegisterExtension
	static final PostgresDatabase postgres = new PostgresDatabase("restart");

	@RegisterExtension
	final DisableAllTenant tenant = new DisableAllTenant("repository-failure-token", 41);

	private PackagedCli job(String url, String username, String password) {
		return new PackagedCli(tenant.sim().baseUrl(), tenant.token(), tenant.dir().resolve("work"))
			.with("spring.datasource.url", url)
			.with("spring.datasource.username", username)
			.with("spring.datasource.password", password)
			.with("writeback.graph.page-size", "50")
			.with("writeback.apply.chunk-size", Integer.toString(CHUNK))
			.with("writeback.graph.max-concurrent-batches", Integer.toString(CONCURRENT_BATCHES));
	}

	@Test
	void aPostgresqlRestartMidApplyEndsTheProcessWithExit3AndScheduledCompletesTheRun() throws Exception {
		String url = postgres.createEmptyDatabase("restart"); // its runs alone in it: the
																// restarted run is run 1
		PackagedCli pg = job(url, PostgresDatabase.USERNAME, PostgresDatabase.PASSWORD);
		PackagedCli.Started apply = pg.start("apply", "--definition", tenant.definition().toString());
		awaitMidApply(apply);

		long brokenAt = System.nanoTime();
		postgres.stopServer();
		PackagedCli.Result failed;
		PackagedCli.Result whileDown;
		try {
			failed = awaitExit(apply, brokenAt);
			whileDown = pg.run("scheduled", "--definition", tenant.definition().toString());
		}
		finally {
			postgres.startServer();
		}
		assertRepositoryFailure(300, "PostgreSQL stops mid-apply (`pg_ctl stop -m fast`, then started again)", failed);
		assertThat(whileDown.exitCode()).as(whileDown.all()).isEqualTo(3);
		assertThat(whileDown.err()).as("the next run while the server is down")
			.startsWith("error: the job repository (" + url + ") is unreachable or failing: ")
			.contains("nothing was lost: run again");
		assertNoStackTrace(whileDown);
		Catalogue.row(301, "PostgreSQL down when `scheduled` starts (after the stop above)", "scheduled",
				whileDown.err()
					.lines()
					.findFirst()
					.orElseThrow()
					.replaceAll("failing: .*; nothing", "failing: <the driver's " + "words>; nothing")
					.replace(url, "jdbc:postgresql://..."),
				whileDown.exitCode());
		assertThat(advisoryLocks()).as("run locks left on the restarted server").isZero();

		PackagedCli.Result scheduled = pg.run("scheduled", "--definition", tenant.definition().toString());
		assertCompletedTheSameRun(scheduled);
		assertThat(advisoryLocks()).as("run locks left after the completed run").isZero();
	}

	@Test
	void anH2FileThatCannotBeWrittenEndsTheProcessWithExit3AndScheduledCompletesTheRun() throws Exception {
		Path prlimit = Path.of("/usr/bin/prlimit");
		assumeTrue(Files.isExecutable(prlimit), "needs util-linux's prlimit to make the H2 file unwritable");
		Path file = tenant.dir().resolve("data/writeback.mv.db");
		PackagedCli h2 = job(
				"jdbc:h2:file:" + tenant.dir().resolve("data/writeback") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
				"sa", "");
		PackagedCli.Started apply = h2.start("apply", "--definition", tenant.definition().toString());
		awaitMidApply(apply);

		long brokenAt = System.nanoTime();
		Process limit = new ProcessBuilder(prlimit.toString(), "--pid", Long.toString(apply.process().pid()),
				"--fsize=" + Files.size(file))
			.inheritIO()
			.start();
		assertThat(limit.waitFor(10, TimeUnit.SECONDS) && limit.exitValue() == 0).as("prlimit applied").isTrue();

		assertRepositoryFailure(302, "the H2 job repository's file cannot be written mid-apply (volume full)",
				awaitExit(apply, brokenAt));

		assertCompletedTheSameRun(h2.run("scheduled", "--definition", tenant.definition().toString()));
	}

	/**
	 * A node was lost with the run lock's session still open on the server (nothing
	 * closed it): the replacement is refused only while the lease runs, then ends that
	 * session and runs, instead of getting exit 4 until the server notices.
	 */
	@Test
	void aRunLockWhoseSessionWentSilentIsTakenOverOnceTheLeaseRunsOut() throws Exception {
		PackagedCli pg = job(postgres.url(), PostgresDatabase.USERNAME, PostgresDatabase.PASSWORD)
			.with("writeback.runs.lock-lease", "3s");
		try (Connection lostNode = postgres.connect(); Statement statement = lostNode.createStatement()) {
			statement.execute("SELECT pg_advisory_lock(" + lockKey(tenant.sim().tenantId(), "disable-all") + ")");

			PackagedCli.Result refused = pg.with("writeback.runs.lock-lease", "10m")
				.run("scheduled", "--definition", tenant.definition().toString());
			assertThat(refused.exitCode()).as("while the holder was last heard of within the lease: " + refused.all())
				.isEqualTo(4);
			assertThat(refused.err()).startsWith("refused: another writeback-batch process is running definition");

			Thread.sleep(3_500); // the lost node's session stays silent
			PackagedCli.Result replacement = pg.run("scheduled", "--definition", tenant.definition().toString());

			assertThat(replacement.exitCode()).as(replacement.all()).isZero();
			assertThat(replacement.all()).contains("its process is gone; ended that session");
			assertThat(lostNode.isValid(5)).as("the lost node's session was ended").isFalse();
		}
		tenant.assertApplied();
	}

	/**
	 * The advisory lock key of a definition's runs in a tenant of the global cloud, as
	 * the job computes it (SHA-256 of tenant/cloud/definition name).
	 */
	private static long lockKey(String tenantId, String definitionName) throws Exception {
		byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
			.digest(("writeback-batch:" + tenantId + "/global/" + definitionName)
				.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		return java.nio.ByteBuffer.wrap(digest).getLong();
	}

	private static long advisoryLocks() throws Exception {
		try (Connection connection = postgres.connect();
				Statement statement = connection.createStatement();
				ResultSet count = statement.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")) {
			count.next();
			return count.getLong(1);
		}
	}

	/** A third of the plan applied, the process still going. */
	private void awaitMidApply(PackagedCli.Started apply) throws InterruptedException {
		long deadline = System.nanoTime() + PackagedCli.DEFAULT_BOUND.toNanos();
		while (tenant.patched().size() < tenant.expected().size() / 3) {
			assertThat(apply.process().isAlive()).as("the apply ended before it was a third done").isTrue();
			assertThat(System.nanoTime()).as("a third of the apply done in time").isLessThan(deadline);
			Thread.sleep(5);
		}
	}

	private static PackagedCli.Result awaitExit(PackagedCli.Started running, long brokenAt) throws Exception {
		boolean ended = running.process().waitFor(EXIT_WITHIN.toMillis() + 5_000, TimeUnit.MILLISECONDS);
		Duration took = Duration.ofNanos(System.nanoTime() - brokenAt);
		PackagedCli.Result result = running.await(); // kills it past its bound
		assertThat(ended).as("the process ended (it lingered): " + result.all()).isTrue();
		assertThat(took).as("from the repository's failure to the process's end").isLessThanOrEqualTo(EXIT_WITHIN);
		return result;
	}

	private static void assertRepositoryFailure(int number, String input, PackagedCli.Result failed) {
		assertThat(failed.exitCode()).as(failed.all()).isEqualTo(3);
		String firstLine = failed.err().lines().findFirst().orElse("");
		assertThat(firstLine).as(failed.err())
			.startsWith("error: the job repository failed during the run: ")
			.contains("the run is resumable (exit 3)");
		assertNoStackTrace(failed);
		Catalogue.row(number, input, "apply", firstLine.replaceAll("during the run: .*; the run is resumable",
				"during the run: <the database's words>; the run is resumable"), failed.exitCode());
	}

	private static void assertNoStackTrace(PackagedCli.Result result) {
		assertThat(result.showsStackTrace()).as("a stack trace on the terminal:%n%s", result.all()).isFalse();
	}

	/**
	 * {@code scheduled} recovered run 1 (left STARTED by the process that exited) and
	 * completed it: no second run, the plan applied exactly, re-sending at most what was
	 * in flight.
	 */
	private void assertCompletedTheSameRun(PackagedCli.Result scheduled) {
		assertThat(scheduled.exitCode()).as(scheduled.all()).isZero();
		assertThat(scheduled.all()).contains("its process is gone").contains("resuming run 1 ");
		tenant.assertAppliedResendingAtMost(IN_FLIGHT);
		// run 1's own report, no second run's (read from the files: one job process
		// fewer)
		Path reports = tenant.dir().resolve("work/reports");
		assertThat(SummarySchema.read(reports.resolve("1/summary.json")).path("status").asString())
			.isEqualTo("COMPLETED");
		assertThat(reports.resolve("2")).as("no second run").doesNotExist();
	}

	@AfterAll
	static void writeCatalogue() {
		Catalogue.write();
	}

}

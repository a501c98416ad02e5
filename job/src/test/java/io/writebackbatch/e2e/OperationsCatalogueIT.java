package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Bad input around operations, through the packaged CLI (cases 303-309): a credential
 * refused before Graph is reached starts no run, a SIGTERM during start-up ends with the
 * graceful-stop code, read-only commands refused while another process holds the H2 file
 * say so in one line, and retention and listing counts that are negative are refused
 * naming the option.
 */
class OperationsCatalogueIT extends PackagedCatalogue {

	/**
	 * The job repository in a file of the case's own, so that one command sees what the
	 * previous one left.
	 */
	private PackagedCli withFile() {
		return cli.with("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("data/writeback"));
	}

	private Path disableAll() throws IOException {
		return Files.copy(Path.of(System.getProperty("user.dir"), "jobs", "disable-all.yaml"),
				dir.resolve("disable-all.yaml"));
	}

	/**
	 * Refused before Graph was reached: no run is left behind, so the next apply starts
	 * afresh, not asks to resume.
	 */
	@Case
	void credentialRefusedBeforeGraphLeavesNoRun() throws IOException {
		Path definition = disableAll();
		Set<String> planned = DisableAll.groupsToChange(sim.tenant().unifiedGroups());
		PackagedCli job = withFile();
		PackagedCli.Result refused = expect(303,
				"`GRAPH_ACCESS_TOKEN` refused before Graph is reached (white space in "
						+ "it); then `runs` lists no run and the next apply runs",
				2, job.with("writeback.graph.access-token", "pasted token"), "apply", "--definition",
				definition.toString());
		assertThat(refused.err()).contains("contains white space at position 7");

		PackagedCli.Result runs = job.run("runs");
		assertThat(runs.exitCode()).as(runs.all()).isZero();
		assertThat(runs.out().lines()).as("no run was started").singleElement().asString().startsWith("RUN ");
		PackagedCli.Result next = job.run("apply", "--definition", definition.toString());
		assertThat(next.exitCode()).as("the next apply is not asked to resume anything: " + next.all()).isZero();
		DisableAll.assertApplied(sim, planned);
	}

	/**
	 * SIGTERM while the command is still starting (here: the PostgreSQL job repository
	 * accepts the connection and never answers) ends the process with 3 once the grace
	 * period is over, saying that no run started; never 143.
	 */
	@Case(Lane.PACKAGED_JAR)
	void sigtermDuringStartUp() throws Exception {
		Path definition = disableAll();
		try (ServerSocket silentDatabase = new ServerSocket(0)) {
			silentDatabase.setSoTimeout((int) PackagedCli.DEFAULT_BOUND.toMillis());
			PackagedCli.Started apply = cli
				.with("spring.datasource.url",
						"jdbc:postgresql://127.0.0.1:" + silentDatabase.getLocalPort() + "/writeback")
				.with("writeback.shutdown.grace-period", "2s")
				.start("apply", "--definition", definition.toString());
			try (Socket connected = silentDatabase.accept()) {
				apply.process().destroy(); // SIGTERM, while the job opens its repository
				PackagedCli.Result result = apply.await();

				assertThat(result.exitCode()).as(result.all()).isEqualTo(3);
				assertThat(result.err())
					.startsWith("stopped: a shutdown signal (SIGTERM or Ctrl-C) arrived during start-up, which "
							+ "did not finish within the grace period of 2s; exiting before any run started: nothing was done");
				assertThat(result.showsStackTrace()).as(result.all()).isFalse();
				assertThat(sim.audit()).as("what the tenant received").isEmpty();
				Catalogue.row(304, "SIGTERM during start-up (here while the PostgreSQL job repository does not answer)",
						"apply", result.err().lines().findFirst().orElseThrow(), result.exitCode());
			}
		}
	}

	@Case(Lane.PACKAGED_JAR)
	void runsWhileAnotherProcessHoldsTheH2File() throws Exception {
		assertOneLineRefusal(305, "`runs` while another process holds the H2 job-repository file", "runs");
	}

	@Case(Lane.PACKAGED_JAR)
	void reportWhileAnotherProcessHoldsTheH2File() throws Exception {
		assertOneLineRefusal(306, "`report` while another process holds the H2 job-repository file", "report", "--run",
				"1");
	}

	private void assertOneLineRefusal(int number, String input, String... command) throws Exception {
		String url = "jdbc:h2:file:" + dir.resolve("held/writeback");
		try (HoldH2File held = HoldH2File.hold(url)) {
			PackagedCli.Result result = expect(number, input, 4, cli.with("spring.datasource.url", url), command);
			assertThat(result.err()).startsWith("refused: another run is in progress: the job repository")
				.contains("is in use by another writeback-batch process; wait for it to finish");
			assertThat(result.err().lines()).as("one line").hasSize(1);
			assertThat(result.out()).as("nothing else on the terminal (Spring's and Flyway's account of the lock)")
				.doesNotContain("WARN", "ERROR", "Flyway", "SQL State", "context initialization");
		}
	}

	@Case
	void negativeRunsLimit() {
		PackagedCli.Result result = expect(307, "`runs --limit -1`", 2, cli, "runs", "--limit", "-1");
		assertThat(result.err()).startsWith("error: --limit -1 is not a number of runs: give 1 or more");
	}

	@Case
	void negativeKeepRuns() {
		PackagedCli.Result result = expect(308, "`prune --keep-runs=-1`", 2, cli, "prune", "--keep-runs=-1", "--apply");
		assertThat(result.err()).startsWith("error: --keep-runs -1 is not a number of runs: give 0 or more");
	}

	@Case
	void negativeRetentionSetting() {
		PackagedCli.Result result = expect(309, "setting `writeback.retention.keep-runs=-1`", 2,
				cli.with("writeback.retention.keep-runs", "-1"), "prune", "--apply");
		assertThat(result.err()).startsWith("error: the settings under writeback.retention are not valid")
			.contains("keep-runs -1 is negative");
		assertThat(result.out()).as("Spring Boot's failure report is not repeated on the terminal")
			.doesNotContain("APPLICATION FAILED TO START");
	}

}

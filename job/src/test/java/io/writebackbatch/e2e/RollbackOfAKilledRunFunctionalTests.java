package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rollback} of an apply whose process was killed (SIGKILL, or SIGTERM past the
 * grace period) on the embedded H2 file: the run is left marked STARTED. It was refused
 * with "run 1 of this definition is in progress ...; wait for it to finish" (exit 4),
 * which waiting never ended; {@code resume}, {@code scheduled} and {@code plan} recover
 * such a run at once, and so does {@code rollback} now.
 */
class RollbackOfAKilledRunFunctionalTests {

	GraphSimulator sim;

	@TempDir
	Path dir;

	Cli cli;

	String url;

	@BeforeEach
	void setUp() throws IOException {
		sim = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token("test-token")
			.seed(5)
			.unifiedGroups(60)
			.nonUnifiedGroups(3)
			.build());
		url = "jdbc:h2:file:" + dir.resolve("data/writeback") + ";WRITE_DELAY=0";
		cli = new Cli(sim.baseUrl(), sim.token(), dir.resolve("reports")).with("spring.datasource.url", url);
	}

	@AfterEach
	void tearDown() {
		sim.close();
	}

	@Test
	void aRollbackOfAnApplyLeftStartedByAKilledProcessRecoversItAndRestoresTheGroups()
			throws IOException, SQLException {
		Path definition = Files.writeString(dir.resolve("disable.yaml"), "action: disable\nmaxChanges: 100000\n");
		Set<String> changed = DisableAll.groupsToChange(sim.tenant().unifiedGroups());
		Cli.Result apply = cli.run("apply", "--definition", definition.toString());
		assertThat(apply.exitCode()).as(apply.all()).isZero();
		markedStartedAsAKilledProcessLeavesIt();

		Cli.Result rollback = cli.run("rollback", "--run", "1", "--apply");

		assertThat(rollback.exitCode()).as(rollback.all()).isZero();
		assertThat(rollback.all()).doesNotContain("wait for it to finish");
		changed.forEach(id -> assertThat(sim.tenant().group(id).orElseThrow().writebackEnabled()).as(id)
			.isNotEqualTo(Boolean.FALSE));
	}

	/**
	 * Found by an attack (kill -9 mid-apply): {@code report} said the run "is still
	 * running" ({@code runs} listed it STARTED, saying nothing more) and
	 * {@code onprem-kit} wrote a kit of the groups disabled so far, exit 0.
	 */
	@Test
	void aReportOfAKilledRunSaysWhatRecoversItAndNoKitIsWrittenForIt() throws IOException, SQLException {
		Path definition = Files.writeString(dir.resolve("disable.yaml"), "action: disable\nmaxChanges: 100000\n");
		assertThat(cli.run("apply", "--definition", definition.toString()).exitCode()).isZero();
		markedStartedAsAKilledProcessLeavesIt();

		Cli.Result report = cli.run("report", "--run", "1");
		Cli.Result kit = cli.run("onprem-kit", "--run", "1", "--out", dir.resolve("kit").toString());
		Cli.Result runs = cli.run("runs");

		assertThat(report.exitCode()).as(report.all()).isZero();
		assertThat(report.out())
			.contains("is marked running (or its process was killed: 'resume' or 'scheduled' " + "recovers it)")
			.doesNotContain("is still running");
		assertThat(kit.exitCode()).as(kit.all()).isEqualTo(2);
		assertThat(kit.err()).startsWith(
				"refused: run 1 has not finished (STARTED: running, or left so by a process " + "that was killed)");
		assertThat(dir.resolve("kit")).doesNotExist();
		assertThat(runs.out()).as(runs.all())
			.contains("STARTED: running, or its process was killed ('resume' or 'scheduled' recovers it)");
	}

	private void markedStartedAsAKilledProcessLeavesIt() throws SQLException {
		try (Connection db = DriverManager.getConnection(url, "sa", ""); Statement sql = db.createStatement()) {
			sql.executeUpdate("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'UNKNOWN', "
					+ "END_TIME = NULL WHERE JOB_INSTANCE_ID = 1");
		}
	}

}

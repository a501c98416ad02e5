package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.GroupView;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention through the CLI on an embedded H2 file: {@code scheduled} prunes old runs
 * after each completed night and keeps the repository flat; {@code prune} is a dry run
 * unless told otherwise, never deletes what a rollback needs, and a rollback of a pruned
 * run is refused.
 */
class RetentionFunctionalTests {

	private static final int GROUPS = 300;

	/**
	 * Groups someone re-enables between two nights, so that every night changes
	 * something.
	 */
	private static final int DRIFT = 15;

	@TempDir
	Path dir;

	GraphSimulator sim;

	Cli cli;

	Path definition;

	String url;

	@BeforeEach
	void setUp() throws IOException {
		sim = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token("retention-token")
			.seed(31)
			.unifiedGroups(GROUPS)
			.nonUnifiedGroups(20)
			.build());
		url = "jdbc:h2:file:" + dir.resolve("data/writeback") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
		cli = new Cli(sim.baseUrl(), sim.token(), dir.resolve("reports")).with("spring.datasource.url", url);
		definition = dir.resolve("disable-all.yaml");
		Files.copy(Path.of("jobs/disable-all.yaml"), definition);
	}

	@AfterEach
	void stop() {
		sim.close();
	}

	@Test
	void scheduledNightsKeepTheRepositoryFlat() throws Exception {
		Map<String, String> retention = Map.of("writeback.retention.keep-runs", "3", "writeback.retention.keep-applies",
				"2");
		List<Long> sizes = new ArrayList<>();
		for (int night = 1; night <= 10; night++) {
			drift(night);
			Cli.Result result = cli.run(retention, "scheduled", "--definition", definition.toString());
			assertThat(result.exitCode()).as("night " + night + ": " + result.all()).isZero();
			sizes.add(Files.size(dir.resolve("data/writeback.mv.db")));
			assertThat(stagedRunIds()).as("runs with staging rows after night " + night).hasSize(Math.min(night, 3));
			assertThat(reportFolders()).as("report folders after night " + night).hasSize(Math.min(night, 3));
		}
		System.out.println("H2 file size after each night (bytes): " + sizes);
		List<Long> kept = jobInstanceIds();
		assertThat(kept).as("Spring Batch metadata of pruned runs is gone too").hasSize(3);
		assertThat(stagedRunIds()).isEqualTo(kept);
		assertThat(reportFolders()).containsExactlyInAnyOrderElementsOf(kept.stream().map(String::valueOf).toList());
		long steady = sizes.subList(3, 10).stream().mapToLong(Long::longValue).max().orElseThrow();
		assertThat(steady).as("file size from night 4 on, against night 3's " + sizes.get(2))
			.isLessThanOrEqualTo(sizes.get(2) * 6 / 5);
		assertThat(sizes.get(9)).as("after 10 nights, against night 4's").isLessThanOrEqualTo(sizes.get(3) * 6 / 5);
	}

	@Test
	void pruneIsADryRunByDefaultAndNeverDeletesWhatARollbackNeeds() throws Exception {
		for (int night = 1; night <= 4; night++) {
			drift(night);
			assertThat(cli.run("apply", "--definition", definition.toString()).exitCode()).isZero();
		}
		assertThat(cli.run("plan", "--definition", definition.toString()).exitCode()).isZero();
		List<Long> runs = jobInstanceIds(); // four applies, then a plan
		assertThat(runs).hasSize(5);

		Cli.Result dry = cli.run("prune", "--older-than", "0s", "--keep-applies", "2");
		assertThat(dry.exitCode()).as(dry.all()).isZero();
		assertThat(dry.out()).contains("dry run: would prune 2 runs");
		assertThat(stagedRunIds()).as("a dry run deletes nothing").isEqualTo(runs);

		Cli.Result pruned = cli.run("prune", "--older-than", "0s", "--keep-applies", "2", "--apply");
		assertThat(pruned.exitCode()).as(pruned.all()).isZero();
		assertThat(pruned.out()).containsPattern("(?m)^" + runs.get(4) + " .*keep +newest run of its definition")
			.containsPattern("(?m)^" + runs.get(3) + " .*keep +one of the newest 2 applies")
			.containsPattern("(?m)^" + runs.get(2) + " .*keep +one of the newest 2 applies")
			.containsPattern("(?m)^" + runs.get(1) + " .*PRUNED +ended more than 0s ago")
			.contains("pruned 2 runs");
		List<Long> kept = runs.subList(2, 5);
		assertThat(stagedRunIds()).isEqualTo(kept);
		assertThat(jobInstanceIds()).isEqualTo(kept);
		assertThat(reportFolders()).containsExactlyInAnyOrderElementsOf(kept.stream().map(String::valueOf).toList());

		// the kept applies can still be rolled back (a pruned one is refused:
		// RunControlCatalogueIT, case 211)
		Cli.Result rollback = cli.run("rollback", "--run", runs.get(2).toString());
		assertThat(rollback.exitCode()).as(rollback.all()).isZero();
		Cli.Result keepNone = cli.run("prune", "--keep-applies", "0", "--apply");
		assertThat(keepNone.exitCode()).as(keepNone.all()).isEqualTo(2);
		assertThat(jobInstanceIds()).as("the refused prune deleted nothing").containsAll(kept);
	}

	/**
	 * Someone re-enables writeback on a few groups between two nights (none before the
	 * first).
	 */
	private void drift(int night) {
		if (night == 1) {
			return;
		}
		sim.tenant()
			.unifiedGroups()
			.stream()
			.filter(g -> !g.onPremisesSyncEnabled())
			.skip((long) night * DRIFT % (GROUPS / 2))
			.limit(DRIFT)
			.forEach((GroupView g) -> sim.tenant().setWriteback(g.id(), true, g.onPremisesGroupType()));
	}

	private List<Long> stagedRunIds() throws SQLException {
		return ids("SELECT DISTINCT run_id FROM wb_group ORDER BY run_id");
	}

	private List<Long> ids(String query) throws SQLException {
		List<Long> runs = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(query)) {
			while (rs.next()) {
				runs.add(rs.getLong(1));
			}
		}
		return runs;
	}

	private List<Long> jobInstanceIds() throws SQLException {
		return ids("SELECT JOB_INSTANCE_ID FROM BATCH_JOB_INSTANCE ORDER BY JOB_INSTANCE_ID");
	}

	private List<String> reportFolders() throws IOException {
		try (Stream<Path> folders = Files.list(dir.resolve("reports"))) {
			return folders.map(p -> p.getFileName().toString()).toList();
		}
	}

}

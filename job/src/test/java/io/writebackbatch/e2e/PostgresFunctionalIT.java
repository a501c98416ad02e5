package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.writebackbatch.simulator.FaultConfig;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job on a PostgreSQL job repository (a server of the class's own,
 * {@link PostgresDatabase}): plan, apply and runs with no secret in anything the job
 * writes, concurrent schema creation, the per-definition run lock (crashes and their
 * continuation: {@code KillMatrixIT}). Each test has its own tenant and copy of the
 * definition ({@link DisableAllTenant}), so its runs are its own. A server restart under
 * a running job, through the packaged jar: {@code RepositoryFailureIT}.
 */
class PostgresFunctionalIT {

	private static final int CHUNK = 100;

	private static final String TOKEN = "pg-test-token-Zq81vX";

	@RegisterExtension
	static final PostgresDatabase postgres = new PostgresDatabase("func");

	@RegisterExtension
	final DisableAllTenant tenant = new DisableAllTenant(TOKEN, 23);

	CliProcess job() {
		return CliProcess.withEnv(Map.of("GRAPH_BASE_URL", tenant.sim().baseUrl(), "GRAPH_ACCESS_TOKEN", TOKEN,
				"SPRING_DATASOURCE_URL", postgres.url(), "SPRING_DATASOURCE_USERNAME", PostgresDatabase.USERNAME,
				"SPRING_DATASOURCE_PASSWORD", PostgresDatabase.PASSWORD, "WRITEBACK_REPORT_DIRECTORY",
				tenant.dir().resolve("reports").toString(), "WRITEBACK_GRAPH_PAGE_SIZE", "50",
				"WRITEBACK_APPLY_CHUNK_SIZE", Integer.toString(CHUNK), "WRITEBACK_GRAPH_MAX_CONCURRENT_BATCHES", "2"));
	}

	@Test
	void twoScheduledProcessesAtOnceOnlyOneRuns() throws Exception {
		// slow enough that the first run outlasts the start-up of the second JVM on a
		// loaded machine (~20 s)
		tenant.sim().faults(FaultConfig.none().latency(Duration.ofMillis(300), Duration.ofMillis(10)));
		CliProcess.Running first = job().start("scheduled", "--definition", tenant.definition().toString());
		CliProcess.awaitWhileAlive(first.process, () -> tenant.sim().counters().groupListPages() >= 1);

		CliProcess.Result second = job().run("scheduled", "--definition", tenant.definition().toString());

		assertThat(first.process.isAlive()).as("the first run is still going when the second gives up").isTrue();
		assertThat(second.exitCode()).as(second.all()).isEqualTo(4);
		assertThat(second.err()).contains("refused: another writeback-batch process is running definition");
		// the slow answers have served their purpose: the first run may finish quickly
		// now
		tenant.sim().faults(FaultConfig.none());
		CliProcess.Result firstResult = first.await();
		assertThat(firstResult.exitCode()).as(firstResult.all()).isZero();
		tenant.assertApplied();
		// one run: the refused process started none (read from the files: one job
		// process fewer)
		assertThat(tenant.dir().resolve("reports/1/summary.json")).exists();
		assertThat(tenant.dir().resolve("reports/2")).as("a second run").doesNotExist();
	}

	@Test
	void schemaCreationFromSeveralProcessesAtOnceIsSafe() throws Exception {
		String empty = postgres.createEmptyDatabase("flyway");
		List<String> productVersions = Arrays
			.stream(Flyway.configure()
				.dataSource(empty, PostgresDatabase.USERNAME, PostgresDatabase.PASSWORD)
				.locations("classpath:io/writebackbatch/staging/migration")
				.load()
				.info()
				.pending())
			.map(migration -> migration.getVersion().getVersion())
			.toList();
		int migrations = productVersions.size();
		int workers = 4;
		CyclicBarrier together = new CyclicBarrier(workers);
		ExecutorService pool = Executors.newFixedThreadPool(workers);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (int i = 0; i < workers; i++) {
				results.add(pool.submit(() -> {
					Flyway flyway = Flyway.configure()
						.dataSource(empty, PostgresDatabase.USERNAME, PostgresDatabase.PASSWORD)
						.locations("classpath:io/writebackbatch/staging/migration")
						.load();
					together.await(30, TimeUnit.SECONDS);
					return flyway.migrate().migrationsExecuted;
				}));
			}
			int executed = 0;
			for (Future<Integer> result : results) {
				executed += result.get(120, TimeUnit.SECONDS); // none throws
			}
			assertThat(migrations).as("the product's migrations").isGreaterThanOrEqualTo(3);
			assertThat(executed).as("each migration ran exactly once across all of them").isEqualTo(migrations);
		}
		finally {
			pool.shutdownNow();
		}
		try (Connection connection = DriverManager.getConnection(empty, PostgresDatabase.USERNAME,
				PostgresDatabase.PASSWORD); Statement statement = connection.createStatement()) {
			ResultSet history = statement.executeQuery(
					"SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank");
			List<String> versions = new ArrayList<>();
			while (history.next()) {
				assertThat(history.getBoolean(2)).isTrue();
				versions.add(history.getString(1));
			}
			assertThat(versions).startsWith("1", "2").containsExactlyElementsOf(productVersions);
		}
		// and the job runs on it
		CliProcess.Result plan = job().with("SPRING_DATASOURCE_URL", empty)
			.run("plan", "--definition", tenant.definition().toString());
		assertThat(plan.exitCode()).as(plan.all()).isZero();
	}

	@Test
	void neitherTheTokenNorTheDatabasePasswordIsWrittenAnywhere() throws Exception {
		CliProcess logs = job().with("LOGGING_LEVEL_IO_WRITEBACKBATCH", "DEBUG");
		CliProcess.Result plan = logs.run("plan", "--definition", tenant.definition().toString());
		CliProcess.Result apply = logs.run("apply", "--definition", tenant.definition().toString());
		CliProcess.Result json = logs.with("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs").run("runs");
		assertThat(plan.exitCode()).as(plan.all()).isZero();
		assertThat(apply.exitCode()).as(apply.all()).isZero();
		assertThat(json.exitCode()).as(json.all()).isZero();
		tenant.assertApplied();
		assertThat(json.all()).as("runs lists the applied run")
			.contains("COMPLETED")
			.contains(Integer.toString(tenant.expected().size()));

		String[] secrets = { TOKEN, PostgresDatabase.PASSWORD };
		for (CliProcess.Result result : List.of(plan, apply, json)) {
			assertThat(result.all()).doesNotContain(secrets);
		}
		List<Path> reports;
		try (Stream<Path> files = Files.walk(tenant.dir().resolve("reports"))) {
			reports = files.filter(Files::isRegularFile).toList();
		}
		assertThat(reports).as("report files").hasSizeGreaterThan(4);
		for (Path file : reports) {
			assertThat(Files.readString(file)).as(file.toString()).doesNotContain(secrets);
		}
		// every row of every table of the job repository (BATCH_*, wb_*,
		// flyway_schema_history), every column as text
		long cells = 0;
		try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
			List<String> tables = new ArrayList<>();
			try (ResultSet rs = statement
				.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
				while (rs.next()) {
					tables.add(rs.getString(1));
				}
			}
			assertThat(tables).contains("batch_job_execution_params", "batch_job_execution_context",
					"batch_step_execution_context", "wb_group");
			for (String table : tables) {
				try (Statement query = connection.createStatement();
						ResultSet rows = query.executeQuery("SELECT * FROM " + table)) {
					int columns = rows.getMetaData().getColumnCount();
					while (rows.next()) {
						for (int c = 1; c <= columns; c++) {
							String value = rows.getString(c);
							cells++;
							if (value != null) {
								assertThat(value).as(table + " column " + c).doesNotContain(secrets);
							}
						}
					}
				}
			}
		}
		assertThat(cells).as("cells scanned").isGreaterThan(1000);
	}

}

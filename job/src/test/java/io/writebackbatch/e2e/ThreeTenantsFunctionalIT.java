package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.writebackbatch.simulator.FaultConfig;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three tenants, one PostgreSQL job repository, one definition file, run as a managed
 * service provider runs them: tenant A (a JWT), tenant B (an opaque token, proven through
 * {@code GET /organization}) and tenant C in the US Government cloud (its scope names
 * graph.microsoft.us, served on loopback as through a proxy). A's apply is killed; B's
 * and C's nightlies run meanwhile, concurrently, and end as the definition says without
 * touching A's run; A's token given to B's deployment is refused before any request; A's
 * next nightly resumes A's run; B's retention never touches A's or C's runs.
 */
class ThreeTenantsFunctionalIT {

	private static final int CHUNK = 100;

	@RegisterExtension
	static final PostgresDatabase postgres = new PostgresDatabase("tenants");

	@TempDir
	Path dir;

	Tenant a;

	Tenant b;

	Tenant c;

	Path definition;

	/** A simulated tenant and the environment of its deployment. */
	record Tenant(String id, GraphSimulator sim, Set<String> expected, Map<String, String> env) {

		List<String> patched() {
			return DisableAll.patchedGroups(sim);
		}

		/**
		 * The patched groups once the simulator has answered what a killed process had
		 * already sent: a batch in flight lands after the process is gone.
		 */
		int patchedOnceSettled() throws InterruptedException {
			int seen = -1;
			int now = patched().size();
			while (now != seen) {
				seen = now;
				Thread.sleep(1_000);
				now = patched().size();
			}
			return now;
		}

		CliProcess job() {
			return CliProcess.withEnv(env);
		}

	}

	@BeforeEach
	void tenants() throws IOException {
		definition = dir.resolve("disable-all.yaml");
		Files.copy(Path.of("jobs/disable-all.yaml"), definition);
		a = tenant("aaaaaaaa-0000-4000-8000-00000000000a", 31, true, Map.of());
		b = tenant("bbbbbbbb-0000-4000-8000-00000000000b", 32, false, Map.of());
		c = tenant("cccccccc-0000-4000-8000-00000000000c", 33, true, Map.of("WRITEBACK_GRAPH_CLOUD_SCOPE",
				"https://graph.microsoft.us/.default", "WRITEBACK_TENANT_CLOUD", "us-government-l4"));
	}

	private Tenant tenant(String id, long seed, boolean jwt, Map<String, String> extra) throws IOException {
		GraphSimulator sim = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token("token-" + seed)
			.jwtTokens(jwt)
			.tenantId(id)
			.seed(seed)
			.unifiedGroups(900)
			.nonUnifiedGroups(50)
			.faults(FaultConfig.none().latency(Duration.ofMillis(30), Duration.ofMillis(10)))
			.build());
		Map<String, String> env = new HashMap<>(
				Map.of("GRAPH_BASE_URL", sim.baseUrl(), "GRAPH_ACCESS_TOKEN", sim.token(), "WRITEBACK_TENANT_ID", id,
						"SPRING_DATASOURCE_URL", postgres.url(), "SPRING_DATASOURCE_USERNAME",
						PostgresDatabase.USERNAME, "SPRING_DATASOURCE_PASSWORD", PostgresDatabase.PASSWORD,
						"WRITEBACK_REPORT_DIRECTORY", dir.resolve("reports-" + id.substring(0, 8)).toString(),
						"WRITEBACK_GRAPH_PAGE_SIZE", "50", "WRITEBACK_APPLY_CHUNK_SIZE", Integer.toString(CHUNK)));
		env.putAll(extra);
		return new Tenant(id, sim, DisableAll.groupsToChange(sim.tenant().unifiedGroups()), Map.copyOf(env));
	}

	@AfterEach
	void stop() {
		for (Tenant tenant : List.of(a, b, c)) {
			tenant.sim().close();
		}
	}

	@Test
	void eachTenantsNightlyEndsAsItsDefinitionSaysAndResumesOnlyItsOwnRun() throws Exception {
		CliProcess.Running killed = a.job().start("apply", "--definition", definition.toString());
		CliProcess.awaitWhileAlive(killed.process, () -> a.patched().size() >= a.expected().size() / 3);
		killed.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		int patchedBeforeOthers = a.patchedOnceSettled();

		// the other tenants' nightlies, concurrently, with A's run left STARTED by a dead
		// process
		CliProcess.Running nightlyB = b.job().start("scheduled", "--definition", definition.toString());
		CliProcess.Running nightlyC = c.job().start("scheduled", "--definition", definition.toString());
		CliProcess.Result resultB = nightlyB.await();
		CliProcess.Result resultC = nightlyC.await();

		assertThat(resultB.exitCode()).as(resultB.all()).isZero();
		assertThat(resultC.exitCode()).as(resultC.all()).isZero();
		assertThat(resultB.all() + resultC.all()).doesNotContain("resuming").doesNotContain("process is gone");
		DisableAll.assertApplied(b.sim(), b.expected());
		DisableAll.assertApplied(c.sim(), c.expected());
		assertThat(a.patched()).as("A's tenant, while the others ran").hasSize(patchedBeforeOthers);

		// A's credential given to B's deployment: refused before any request
		long requestsToA = a.sim().counters().requests();
		CliProcess.Result mixedUp = b.job()
			.with("GRAPH_BASE_URL", a.sim().baseUrl())
			.with("GRAPH_ACCESS_TOKEN", a.sim().token())
			.run("scheduled", "--definition", definition.toString());
		assertThat(mixedUp.exitCode()).as(mixedUp.all()).isEqualTo(2);
		assertThat(mixedUp.err()).contains("the token is for tenant " + a.id()).contains("runs for tenant " + b.id());
		assertThat(a.sim().counters().requests()).as("requests A received from B's deployment").isEqualTo(requestsToA);

		CliProcess.Result nightlyA = a.job().run("scheduled", "--definition", definition.toString());
		assertThat(nightlyA.exitCode()).as(nightlyA.all()).isZero();
		assertThat(nightlyA.all()).contains("its process is gone").containsPattern("resuming run \\d+");
		DisableAll.assertApplied(a.sim(), a.expected());
		List<String> patched = a.patched();
		assertThat(patched.size() - Set.copyOf(patched).size()).as("PATCHes A received twice")
			.isLessThanOrEqualTo(CHUNK);

		CliProcess.Result planB = b.job().run("plan", "--definition", definition.toString());
		assertThat(planB.exitCode()).as(planB.all()).isZero();
		CliProcess.Result secondB = b.job().run("scheduled", "--definition", definition.toString());
		assertThat(secondB.exitCode()).as(secondB.all()).isZero();
		assertThat(runsByTenant()).containsEntry(a.id(), 1).containsEntry(b.id(), 3).containsEntry(c.id(), 1);
		// B's plan, between its two applies, is the one run B's retention may remove
		CliProcess.Result prune = b.job()
			.with("WRITEBACK_CHANGE_CONTROL_MAX_PLAN_AGE", "0s")
			.run("prune", "--older-than", "0s", "--keep-runs", "0", "--keep-applies", "1", "--apply");
		assertThat(prune.exitCode()).as(prune.all()).isZero();
		assertThat(runsByTenant()).as("B's retention kept A's and C's runs")
			.containsEntry(a.id(), 1)
			.containsEntry(c.id(), 1)
			.containsEntry(b.id(), 2);
		assertThat(prune.out()).as(prune.all()).contains("pruned 1 runs");
	}

	/** How many runs (job instances) each tenant has in the shared repository. */
	private Map<String, Integer> runsByTenant() throws Exception {
		Map<String, Integer> runs = new HashMap<>();
		try (Connection connection = postgres.connect();
				Statement sql = connection.createStatement();
				ResultSet rows = sql.executeQuery("SELECT p.PARAMETER_VALUE, COUNT(DISTINCT e.JOB_INSTANCE_ID) FROM "
						+ "BATCH_JOB_EXECUTION e JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = "
						+ "e.JOB_EXECUTION_ID WHERE p.PARAMETER_NAME = 'tenantId' GROUP BY p.PARAMETER_VALUE")) {
			while (rows.next()) {
				runs.put(rows.getString(1), rows.getInt(2));
			}
		}
		return runs;
	}

}

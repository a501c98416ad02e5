package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet at a glance: three simulated tenants share one job repository; {@code runs
 * --fleet} shows each tenant's own latest run of each definition (never another
 * tenant's), its drift and when its next full listing is due, and a tenant without runs
 * as such.
 */
class FleetFunctionalTests {

	static final String CONTOSO = "11111111-1111-4111-8111-111111111111";

	static final String FABRIKAM = "22222222-2222-4222-8222-222222222222";

	static final String NORTHWIND = "33333333-3333-4333-8333-333333333333";

	static final String CLIENT = "aaaaaaaa-1111-4111-8111-111111111111";

	@TempDir
	Path dir;

	final List<GraphSimulator> simulators = new ArrayList<>();

	Cli repository;

	@BeforeEach
	void fleet() throws IOException {
		Files.writeString(dir.resolve("nightly.yaml"),
				"name: nightly\naction: disable\nmaxChanges: 100000\ninventory: incremental\n");
		Files.writeString(dir.resolve("weekly.yaml"), "name: weekly\naction: disable\nmaxChanges: 100000\n");
		Files.writeString(dir.resolve("fleet.yaml"), "tenants:\n" + tenant("contoso", CONTOSO, "[nightly.yaml]")
				+ tenant("fabrikam", FABRIKAM, "[nightly.yaml]")
				+ tenant("northwind", NORTHWIND, "[nightly.yaml, weekly.yaml]") + "    domain: northwind.example\n");
		repository = new Cli("http://127.0.0.1:1/beta", "unused", dir.resolve("reports"));
	}

	static String tenant(String name, String id, String definitions) {
		return "  - name: " + name + "\n    tenantId: " + id + "\n    credential:\n      clientId: " + CLIENT
				+ "\n    definitions: " + definitions + "\n    schedule: \"30 1 * * *\"\n";
	}

	@AfterEach
	void stop() {
		simulators.forEach(GraphSimulator::close);
	}

	/** The CLI of one simulated tenant's deployment, on the fleet's one repository. */
	Cli deployment(String tenantId, int seed) throws IOException {
		GraphSimulator sim = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token("token-" + seed)
			.tenantId(tenantId)
			.seed(seed)
			.unifiedGroups(40)
			.build());
		simulators.add(sim);
		return repository.with("writeback.graph.base-url", sim.baseUrl())
			.with("writeback.graph.access-token", sim.token())
			.with("writeback.tenant.id", tenantId);
	}

	@Test
	void runsAcrossTheFleetShowEachTenantsOwnLatestRunsAndTheTenantsWithout() throws IOException {
		Cli contoso = deployment(CONTOSO, 1);
		succeeds(contoso, "apply", "--definition", dir.resolve("nightly.yaml").toString());
		GraphSimulator contosoGraph = simulators.get(0);
		String turned = DisableAll.patchedGroups(contosoGraph).stream().sorted().findFirst().orElseThrow();
		contosoGraph.tenant().setWriteback(turned, true, null);
		succeeds(contoso, "apply", "--definition", dir.resolve("nightly.yaml").toString());
		Cli fabrikam = deployment(FABRIKAM, 2);
		succeeds(fabrikam, "plan", "--definition", dir.resolve("nightly.yaml").toString());

		Cli.Result runs = repository.run("runs", "--fleet", dir.resolve("fleet.yaml").toString());

		assertThat(runs.exitCode()).as(runs.all()).isZero();
		List<String> lines = runs.out().lines().toList();
		assertThat(lines).as(runs.out()).hasSize(5);
		assertThat(lines.get(0)).containsPattern(
				"^TENANT +DEFINITION +RUN +MODE +STATUS +STARTED +CHANGED +FAILED +DRIFT +NEXT FULL LISTING +TENANT ID$");
		assertThat(lines.get(1)).as("contoso: its second apply, which found the turned-back group and set it again")
			.containsPattern("^contoso +nightly +2 apply +COMPLETED +\\d{4}-\\d\\d-\\d\\dT[0-9:]{8} +1 +0 +1  "
					+ "after \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +" + CONTOSO + " \\(global\\)$");
		assertThat(lines.get(2)).as("fabrikam: its own plan, not contoso's applies")
			.containsPattern("^fabrikam +nightly +3 plan +COMPLETED .* +0 +0 +- +next run +" + FABRIKAM);
		assertThat(lines.get(3)).as("northwind has no runs")
			.containsPattern("^northwind +nightly +- +- +NO RUNS +- +- +- +- +next run +" + NORTHWIND);
		assertThat(lines.get(4)).containsPattern("^northwind +weekly +- +- +NO RUNS .* every run +" + NORTHWIND);
	}

	@Test
	void aWrongFleetFileIsRefusedNamingTheFileAndField() throws IOException {
		Path fleet = Files.writeString(dir.resolve("bad-fleet.yaml"),
				tenant("contoso", CONTOSO, "[nightly.yaml]").replace("schedule:", "schedul:")
					.replaceFirst("^", "tenants:\n"));

		Cli.Result runs = repository.run("runs", "--fleet", fleet.toString());

		assertThat(runs.exitCode()).as(runs.all()).isEqualTo(2);
		assertThat(runs.err()).startsWith("error: " + fleet + ":7: unknown field 'tenants[0].schedul'");
		assertThat(runs.out()).isEmpty();
	}

	static void succeeds(Cli cli, String... args) {
		Cli.Result result = cli.run(args);
		assertThat(result.exitCode()).as(result.all()).isZero();
	}

}

package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

import io.writebackbatch.simulator.FaultConfig;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apply} through the in-process CLI against a Graph whose gateway fails some of
 * every kind of request. The hostile {@code $batch} answers, rows 100-149 of the README's
 * bad-input table, run through the packaged CLI in {@link BatchWriteCatalogueIT}.
 */
class BatchWriteFunctionalTests {

	private static final Path DISABLE_ALL = Path.of("jobs/disable-all.yaml");

	GraphSimulator sim;

	@TempDir
	Path dir;

	Cli cli;

	Set<String> planned;

	@BeforeEach
	void setUp() throws IOException {
		sim = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token("test-token")
			.seed(11)
			.unifiedGroups(200)
			.nonUnifiedGroups(10)
			.build());
		cli = new Cli(sim.baseUrl(), sim.token(), dir.resolve("reports"));
		planned = DisableAll.groupsToChange(sim.tenant().unifiedGroups());
	}

	@AfterEach
	void stopSimulator() {
		sim.close();
	}

	@Test
	void applyFinishesInOneGoThroughGatewayPagesOnThreePercentOfRequests() {
		// every kind of request: listing pages, the count, settings reads and $batch
		// envelopes
		sim.faults(FaultConfig.none().gatewayErrorRate(0.03));
		Cli.Result result = cli.run("apply", "--definition", DISABLE_ALL.toString());

		assertThat(result.exitCode()).as(result.all()).isZero();
		DisableAll.assertApplied(sim, planned);
		long resent = DisableAll.patchedGroups(sim).size() - planned.size();
		long lost = sim.counters().injected5xx();
		assertThat(resent).as("re-sent writes").isLessThanOrEqualTo(lost * 20);
	}

}

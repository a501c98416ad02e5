package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Job-repository URLs that cannot hold a run's checkpoints are refused before anything starts. */
class RepositoryUrlFunctionalTests {

	GraphSimulator sim;

	@TempDir
	Path dir;

	@BeforeEach
	void startTenant() throws IOException {
		sim = GraphSimulator.start(SimulatorConfig.builder().port(0).token("url-token").seed(5).unifiedGroups(20).build());
	}

	@AfterEach
	void stop() {
		sim.close();
	}

	@AfterAll
	static void writeCatalogue() {
		Catalogue.write();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"214|garbage|`SPRING_DATASOURCE_URL=garbage` (not a JDBC URL)|is not a JDBC URL",
			"215|jdbc:h2:mem:|`SPRING_DATASOURCE_URL=jdbc:h2:mem:` (an unnamed in-memory database)|unnamed in-memory database" })
	void refusedBeforeAnythingStarts(int number, String url, String input, String message) {
		Cli cli = new Cli(sim.baseUrl(), sim.token(), dir.resolve("reports")).with("spring.datasource.url", url);

		Cli.Result result = cli.run("apply", "--definition", "jobs/disable-all.yaml");

		assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
		assertThat(result.err()).startsWith("error: ").contains(message).doesNotContain("\tat ");
		assertThat(sim.audit()).as("nothing changed").isEmpty();
		Catalogue.row(number, input, "apply", result.err().lines().findFirst().orElse(""), result.exitCode());
	}
}

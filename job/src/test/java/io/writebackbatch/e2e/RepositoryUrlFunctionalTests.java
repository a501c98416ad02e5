package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.writebackbatch.simulator.SimulatorExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Job-repository URLs that cannot hold a run's checkpoints are refused before anything starts. */
class RepositoryUrlFunctionalTests {

	@RegisterExtension
	SimulatorExtension sim = new SimulatorExtension((b) -> b.token("url-token").seed(5).unifiedGroups(20));

	@TempDir
	Path dir;

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

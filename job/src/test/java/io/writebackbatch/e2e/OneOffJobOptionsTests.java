package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.writebackbatch.simulator.SimulatorExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The options of {@code apply} for an unfinished run, as a person or a Job manifest may get them wrong. (The eviction
 * sequence itself, through the packaged jar: {@code io.writebackbatch.reliability.EvictionIT}.)
 */
class OneOffJobOptionsTests {

	@RegisterExtension
	SimulatorExtension sim = new SimulatorExtension((b) -> b.token("options-token").seed(5).unifiedGroups(20));

	@TempDir
	Path dir;

	Cli cli;

	@BeforeEach
	void start() {
		cli = new Cli(sim.baseUrl(), sim.token(), dir.resolve("reports"));
	}

	@Test
	void abandoningAndContinuingTheUnfinishedRunAtOnceIsRefused() {
		String command = "apply --new-run --resume-unfinished";
		Cli.Result result = cli.run("apply", "--new-run", "--resume-unfinished", "--definition", "jobs/disable-all.yaml");

		assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
		assertThat(result.err()).startsWith("error: ").contains("--new-run").contains("--resume-unfinished")
			.contains("mutually exclusive").doesNotContain("\tat ");
		assertThat(sim.audit()).as("nothing changed").isEmpty();
		Catalogue.row(200, "`--new-run` and `--resume-unfinished` together", command,
				result.err().lines().findFirst().orElse(""), result.exitCode());
	}

	@AfterAll
	static void writeCatalogue() {
		Catalogue.write();
	}
}

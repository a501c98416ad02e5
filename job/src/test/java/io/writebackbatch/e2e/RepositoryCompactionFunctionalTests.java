package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.writebackbatch.simulator.SimulatorExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that ran the job compacts the embedded H2 file as its last act and leaves
 * beside it nothing but the database: no {@code writeback.trace.db}.
 */
class RepositoryCompactionFunctionalTests {

	@RegisterExtension
	SimulatorExtension sim = new SimulatorExtension(b -> b.seed(5).unifiedGroups(30).nonUnifiedGroups(0));

	@TempDir
	Path dir;

	Cli cli;

	@BeforeEach
	void setUp() throws IOException {
		cli = new Cli(sim.baseUrl(), sim.token(), dir.resolve("reports")).with("spring.datasource.url",
				"jdbc:h2:file:" + dir.resolve("data/writeback") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
	}

	@Test
	void compactionLeavesNoTraceFileBesideTheRepository() throws IOException {
		Path definition = Files.copy(Path.of("jobs/disable-all.yaml"), dir.resolve("disable-all.yaml"));
		for (String command : List.of("plan", "apply")) {
			Path log = dir.resolve(command + ".log");
			Cli.Result result = cli.run(Map.of("logging.file.name", log.toString()), command, "--definition",
					definition.toString());

			assertThat(result.exitCode()).as(result.all()).isZero();
			assertThat(Files.readString(log)).as("the command compacted the file")
				.contains("compacted the H2 job repository");
			Path trace = dir.resolve("data/writeback.trace.db");
			assertThat(filesIn(dir.resolve("data")))
				.as("after %s: %s", command, Files.exists(trace) ? Files.readString(trace) : "")
				.containsExactly("writeback.mv.db");
		}
	}

	private static List<String> filesIn(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.map(file -> file.getFileName().toString()).sorted().toList();
		}
	}

}

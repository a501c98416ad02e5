package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.writebackbatch.simulator.SimulatorExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant's runs are keyed by the definition's name wherever its file lies
 * (docs/design/decisions/0005-run-key-by-definition-name.md): two files of one name in
 * different folders share one run history. When the last run came from the other file, of
 * other content, the log says so in one WARN line naming both files and the fix (a
 * {@code name:} of its own); the same file run again, or the same content from another
 * folder (a moved file), says nothing.
 */
class SharedRunHistoryFunctionalTests {

	static final String SHARED = "share one run history";

	@RegisterExtension
	SimulatorExtension sim = new SimulatorExtension(b -> b.seed(3).unifiedGroups(20).nonUnifiedGroups(0));

	@TempDir
	Path dir;

	Cli cli;

	@BeforeEach
	void setUp() throws IOException {
		cli = new Cli(sim.baseUrl(), sim.token(), dir.resolve("reports"));
	}

	@Test
	void twoFilesOfOneNameWithOtherContentAreNamedInTheLog() throws IOException {
		Path a = definition("tenants/a", "action: disable\nmaxChanges: 100000\n");
		Path b = definition("tenants/b", "action: disable\nmaxChanges: 50000\n");
		Path moved = definition("moved", "action: disable\nmaxChanges: 50000\n");

		assertThat(sharedHistoryLines(a, "a")).as("the first run").isEmpty();
		assertThat(sharedHistoryLines(b, "b")).singleElement()
			.asString()
			.contains(" WARN ")
			.contains("'disable-all' was last run (run 1) from " + a + ", of other content than " + b)
			.contains("give one a 'name:' of its own");
		assertThat(sharedHistoryLines(b, "b-again")).as("the same file again").isEmpty();
		assertThat(sharedHistoryLines(moved, "moved")).as("the same content from another folder: a moved file")
			.isEmpty();
	}

	private Path definition(String folder, String yaml) throws IOException {
		Path file = Files.createDirectories(dir.resolve(folder)).resolve("disable-all.yaml");
		return Files.writeString(file, yaml);
	}

	/** Plans {@code definition} and returns its log's lines about a shared history. */
	private List<String> sharedHistoryLines(Path definition, String name) throws IOException {
		Path log = dir.resolve(name + ".log");
		Cli.Result result = cli.run(Map.of("logging.file.name", log.toString()), "plan", "--definition",
				definition.toString());
		assertThat(result.exitCode()).as(result.all()).isZero();
		return Files.readAllLines(log).stream().filter(line -> line.contains(SHARED)).toList();
	}

}

package io.writebackbatch.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.writebackbatch.e2e.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration file Spring Boot reads before any command starts, missing or not valid
 * YAML: both ended with exit 1 and Spring's or SnakeYAML's stack trace, the YAML one
 * without naming any file.
 */
class ConfigurationFilesTests {

	@TempDir
	Path dir;

	@Test
	void aConfigurationFileWithATabIsRefusedWithItsLineAndTheFix() throws IOException {
		Path config = Files.writeString(dir.resolve("application.yaml"), "writeback:\n\tgraph:\n  page-size: 5\n");

		Cli.Result result = runs("file:" + config);

		assertThat(result.exitCode()).as(result.all()).isEqualTo(FailureKind.INVALID_INPUT.exitCode());
		assertThat(result.err())
			.startsWith("error: a configuration file cannot be read (not valid YAML at line 2, "
					+ "column 1: found character '\\t(TAB)' that cannot start any token")
			.contains("check config/application.yaml in the working folder and any file SPRING_CONFIG_LOCATION")
			.doesNotContain("Exception")
			.doesNotContain("\tat ");
	}

	@Test
	void aConfigurationFileThatIsNotThereIsRefusedNamingIt() {
		Cli.Result result = runs("file:" + dir.resolve("nope.yaml"));

		assertThat(result.exitCode()).as(result.all()).isEqualTo(FailureKind.INVALID_INPUT.exitCode());
		assertThat(result.err()).startsWith("error: a configuration file cannot be read (Config data resource")
			.contains("nope.yaml")
			.doesNotContain("Exception")
			.doesNotContain("\tat ");
	}

	private Cli.Result runs(String location) {
		return new Cli("http://127.0.0.1:9/beta", "test-token", dir.resolve("reports"))
			.run(Map.of("spring.config.additional-location", location), "runs");
	}

}

package io.writebackbatch.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The README's two commands are what a newcomer runs: the first builds and runs the demo
 * from the jar this build makes, the second is the test command, and CI ({@code .ci/run})
 * runs exactly that command and nothing else, so that a green CI means the README's
 * command passes on a fresh machine.
 */
class TwoCommandsTests {

	/** The commands of the first code block under "## The two commands". */
	private static final Pattern SECTION = Pattern.compile("(?s)\n## The two commands\n.*?```bash\n(.*?)```");

	/** .ci/run's only command: from the repository root, the README's test command. */
	private static final String CI_RUN_PREFIX = "cd \"$(dirname \"$0\")/..\" && exec ";

	@Test
	void readmeShowsTheBuildAndTheTestCommandThatCiRuns() throws IOException {
		List<String> commands = readmeCommands();

		assertThat(commands).as("README's commands under 'The two commands'").hasSize(2);
		assertThat(commands.get(0)).as("README's first command: build, then the demo from the jar this build makes")
			.isEqualTo("mvn -q -DskipTests package && java -jar job/target/" + System.getProperty("writeback.jar.file")
					+ " demo");
		assertThat(ciRunCommands()).as(".ci/run's commands").containsExactly(CI_RUN_PREFIX + commands.get(1));
		assertThat(commands.get(1)).as("README's test command").isEqualTo("./test");
	}

	@Test
	void theTestCommandAndTheWrapperAreExecutable() {
		assertThat(Path.of("test")).isExecutable();
		assertThat(Path.of("mvnw")).isExecutable();
	}

	private static List<String> readmeCommands() throws IOException {
		Matcher section = SECTION.matcher(Files.readString(Path.of("README.md")));
		assertThat(section.find()).as("README.md has a bash block under '## The two commands'").isTrue();
		return commandLines(section.group(1));
	}

	private static List<String> ciRunCommands() throws IOException {
		return commandLines(Files.readString(Path.of(".ci", "run")));
	}

	/** The lines that are neither blank nor a comment (a shebang is a comment). */
	private static List<String> commandLines(String script) {
		return script.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
	}

}

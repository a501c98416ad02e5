package io.writebackbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.stream.Stream;

import io.writebackbatch.failure.FailureKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * What {@code --help} shows: every exit code the job can end with (it used to stop at 4,
 * so a scheduler's author reading it did not learn that a paused apply exits 5), and no
 * escape.
 */
class HelpTextTests {

	@Test
	void helpListsTheExitCodeOfEveryFailureKindAndOfSuccess() {
		StringWriter out = new StringWriter();
		int exit = WritebackCli.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
				"--help");

		assertThat(exit).isEqualTo(FailureKind.SUCCESS_EXIT_CODE);
		String exitCodes = out.toString().substring(out.toString().indexOf("Exit codes:"));
		assertThat(exitCodes).contains("  " + FailureKind.SUCCESS_EXIT_CODE + "   success");
		Arrays.stream(FailureKind.values())
			.forEach(kind -> assertThat(exitCodes).as(kind.name())
				.containsPattern("(?m)^  " + kind.exitCode() + "   \\S"));
		assertThat(exitCodes).contains("paused at writeback.apply.max-duration");
	}

	static Stream<String> commands() {
		return WritebackCli.commandLine().getSubcommands().keySet().stream();
	}

	/**
	 * picocli expands only {@code ${...}}: an escape written for it elsewhere is printed
	 * as it is ("Lifetime of \\$skiptoken values" in {@code simulate --help}).
	 */
	@ParameterizedTest
	@MethodSource("commands")
	void noCommandsHelpShowsAnEscapeCharacter(String command) {
		String help = WritebackCli.commandLine()
			.getSubcommands()
			.get(command)
			.getUsageMessage(CommandLine.Help.Ansi.OFF);

		assertThat(help).doesNotContain("\\");
	}

}

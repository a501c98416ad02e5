package io.writebackbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;

import io.writebackbatch.failure.FailureKind;
import org.junit.jupiter.api.Test;

/**
 * {@code --help} names every exit code the job can end with; it used to stop at 4, so a
 * scheduler's author reading it did not learn that a paused apply exits 5.
 */
class HelpExitCodesTests {

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

}

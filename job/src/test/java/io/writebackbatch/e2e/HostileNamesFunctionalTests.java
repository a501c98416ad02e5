package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression test of issue 21 (names escaped): group and definition names with Markdown
 * link and image syntax, backticks, pipes and control characters reach summary.md escaped
 * for Markdown, and the terminal and the plain log lines (what the process prints, logs
 * included) with every control character replaced by U+FFFD.
 */
class HostileNamesFunctionalTests {

	/**
	 * A terminal's escape sequence (clear the screen), a CR that overwrites the line, C1
	 * CSI.
	 */
	static final List<String> GROUP_NAMES = List.of("evil\u001b[2J[x](http://evil.example)\rhidden",
			"![i](http://evil.example/i.png) `code` | pipe \u009b31m red", "tab\there\u0007bell\u2028sep");

	static final String DEFINITION_NAME = "[click](http://evil.example) ![img](http://evil.example/i.png) `x` | y";

	/** Brackets followed by a parenthesis that Markdown would read as a link or image. */
	static final Pattern LIVE_LINK = Pattern.compile("(?<!\\\\)\\]\\(");

	GraphSimulator sim;

	@TempDir
	Path dir;

	@BeforeEach
	void setUp() throws IOException {
		sim = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token("names-token")
			.seed(21)
			.unifiedGroups(20)
			.nonUnifiedGroups(2)
			.build());
	}

	@AfterEach
	void tearDown() {
		sim.close();
		InProcessCli.leaveLoggingToSpring();
	}

	@Test
	void hostileNamesReachTheSummaryEscapedAndTheTerminalAndLogWithoutControlCharacters() throws IOException {
		List<String> hostile = GROUP_NAMES.stream().map(name -> sim.tenant().createUnifiedGroup(name).id()).toList();
		Path definition = dir.resolve("hostile.yaml");
		Files.writeString(definition, "name: '" + DEFINITION_NAME + "'\naction: disable\nmaxChanges: 1000\n");
		PackagedCli cli = new PackagedCli(sim.baseUrl(), sim.token(), dir, Lane.IN_PROCESS);

		PackagedCli.Result plan = cli.run("plan", "--definition", definition.toString());
		PackagedCli.Result apply = cli.run("apply", "--definition", definition.toString());
		hostile.forEach(id -> sim.tenant().setWriteback(id, true, null));
		PackagedCli.Result again = cli.run("apply", "--definition", definition.toString());

		for (PackagedCli.Result result : List.of(plan, apply, again)) {
			assertThat(result.exitCode()).as(result.all()).isZero();
			assertNoControlCharacters(result.out(), "stdout");
			assertNoControlCharacters(result.err(), "stderr");
		}
		assertThat(again.out()).as("the printed summary names the turned-back groups: a line break a space, ESC U+FFFD")
			.contains("evil\uFFFD\\[2J\\[x\\](http://evil.example) hidden");
		for (int run = 1; run <= 3; run++) {
			String summary = Files.readString(dir.resolve("reports/" + run + "/summary.md"), StandardCharsets.UTF_8);
			assertNoControlCharacters(summary, "summary.md of run " + run);
			assertThat(LIVE_LINK.matcher(summary).find()).as("a live link or image in\n" + summary).isFalse();
			assertThat(summary)
				.contains("\\[click\\](http://evil.example) !\\[img\\](http://evil.example/i.png) \\`x\\` \\| y");
		}
		String turnedBack = Files.readString(dir.resolve("reports/3/summary.md"), StandardCharsets.UTF_8);
		assertThat(turnedBack).contains("evil\uFFFD\\[2J\\[x\\](http://evil.example) hidden")
			.contains("!\\[i\\](http://evil.example/i.png) \\`code\\` \\| pipe \uFFFD31m red")
			.contains("tab\uFFFDhere\uFFFDbell\uFFFDsep");
	}

	private static void assertNoControlCharacters(String text, String where) {
		assertThat(text.chars()
			.filter(c -> c != '\n' && (Character.getType(c) == Character.CONTROL || c == 0x2028 || c == 0x2029))
			.mapToObj(c -> String.format("U+%04X", c))
			.toList()).as("control characters in %s:\n%s", where, text).isEmpty();
	}

}

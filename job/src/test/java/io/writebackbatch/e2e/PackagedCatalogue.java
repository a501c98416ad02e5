package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A bad-input catalogue class: each case runs the packaged CLI ({@link PackagedCli})
 * against a fresh simulated tenant of its own, and must exit with the documented code
 * within its time bound, say on stderr what is wrong and how to fix it, show no stack
 * trace on the terminal (stdout or stderr), and leave the tenant unchanged (or changed
 * exactly as intended). Cases run concurrently ({@link Case}); each row goes to the
 * README's table ({@link Catalogue}).
 */
@EnabledIfSystemProperty(named = "writeback.it", matches = "true",
		disabledReason = "needs the packaged jar: runs in mvn verify (failsafe)")
abstract class PackagedCatalogue {

	/**
	 * A catalogue case: a test that may run at the same time as the class's other cases
	 * (each has its own tenant), in the lane it declares: in-process unless the process
	 * is its subject.
	 */
	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@Test
	@Execution(ExecutionMode.CONCURRENT)
	@interface Case {

		Lane value() default Lane.IN_PROCESS;

	}

	/** A line of a Java stack trace, or its "Caused by" / "... n more" lines. */
	private static final Pattern TRACE = Pattern
		.compile("(?m)^\\s+at [\\w$.<>/]+\\(|^Caused by: |^\\s+\\.\\.\\. \\d+ (more|common frames omitted)");

	GraphSimulator sim;

	@TempDir
	Path dir;

	PackagedCli cli;

	/** The lane of the running case. */
	Lane lane;

	@BeforeEach
	void startTenant(TestInfo test) throws IOException {
		lane = Lane.of(test.getTestMethod().orElseThrow());
		sim = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token("test-token")
			.readOnlyToken("read-only-token")
			.seed(7)
			.unifiedGroups(60)
			.nonUnifiedGroups(6)
			.build());
		cli = cli(sim);
	}

	/** The CLI against {@code tenant}, in the case's lane. */
	PackagedCli cli(GraphSimulator tenant) {
		return new PackagedCli(tenant.baseUrl(), tenant.token(), dir, lane);
	}

	@AfterEach
	void stopTenant() {
		sim.close();
	}

	@AfterAll
	static void writeCatalogue() {
		InProcessCli.leaveLoggingToSpring();
		Catalogue.write();
	}

	/** Writes {@code bad.yaml} in the case's folder. */
	Path definition(String yaml) throws IOException {
		return Files.writeString(dir.resolve("bad.yaml"), yaml);
	}

	PackagedCli.Result expectInvalid(int number, String input, PackagedCli cli, String command, Path definition) {
		return expect(number, input, 2, cli, command, "--definition", definition.toString());
	}

	/**
	 * Runs {@code args} and checks what every bad input must satisfy: the exit code;
	 * stderr starting with "error:" (exit 2), "run N ..." (exit 3, or "error:" when it
	 * ended before a run started, e.g. at the tenant proof) or "refused:" (exit 4); no
	 * stack trace on the terminal; nothing changed. Records the catalogue row.
	 */
	PackagedCli.Result expect(int number, String input, int exitCode, PackagedCli cli, String... args) {
		PackagedCli.Result result = expectChanged(number, input, exitCode, List.of(), cli, args);
		String start = switch (exitCode) {
			case 2 -> "error: ";
			case 3 -> "(run |error: )";
			case 4 -> "refused: ";
			default -> "";
		};
		assertThat(result.err()).as("stderr").matches("(?s)" + start + ".*");
		return result;
	}

	/**
	 * As {@link #expect}, for a case whose intended outcome changes the tenant: exactly
	 * {@code patchedGroups} got a PATCH (and nothing else was written). The row shows
	 * {@code stderr}'s first line, or a note when there is none.
	 */
	PackagedCli.Result expectChanged(int number, String input, int exitCode, List<String> patchedGroups,
			PackagedCli cli, String... args) {
		PackagedCli.Result result = runClean(exitCode, cli, args);
		assertThat(DisableAll.patchedGroups(sim)).as("the groups patched")
			.containsExactlyInAnyOrderElementsOf(patchedGroups);
		record(number, input, Arrays.stream(args).findFirst().orElse(""),
				result.err()
					.lines()
					.findFirst()
					.orElse("(none: the command completed, " + (patchedGroups.isEmpty() ? "nothing changed"
							: patchedGroups.size() + " groups changed as intended") + ")"),
				result.exitCode());
		return result;
	}

	/**
	 * Runs {@code args} and checks what every case must satisfy, whatever its outcome:
	 * the exit code (and the end within the CLI's time bound), no stack trace on the
	 * terminal, no exception named on stderr, nothing but PATCHes received by the tenant.
	 * What was changed is for the caller to check.
	 */
	PackagedCli.Result runClean(int exitCode, PackagedCli cli, String... args) {
		PackagedCli.Result result = cli.run(args);

		assertThat(result.exitCode()).as(result.all()).isEqualTo(exitCode);
		assertThat(TRACE.matcher(result.out()).find()).as("a stack trace on stdout:%n%s", result.out()).isFalse();
		assertThat(TRACE.matcher(result.err()).find()).as("a stack trace on stderr:%n%s", result.err()).isFalse();
		assertThat(result.err()).as("stderr").doesNotContain("Exception");
		assertThat(sim.audit()).as("what the tenant received").allMatch(e -> e.method().equals("PATCH"));
		return result;
	}

	/** Records the row, the case's folder cut from the message shown. */
	void record(int number, String input, String command, String shown, int exitCode) {
		Catalogue.row(number, input, command, shown.replace(dir.toAbsolutePath() + "/", ""), exitCode);
	}

}

package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.writebackbatch.simulator.BatchFaults;
import io.writebackbatch.simulator.FaultConfig;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import io.writebackbatch.simulator.ThrottleConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apply} through the CLI against {@code $batch} answers that go wrong: each run ends within its time bound with
 * the documented exit code and message, no stack trace, and the tenant changed at most as planned. The hostile cases
 * are rows 100-149 of the README's bad-input table ({@link Catalogue}).
 */
class BatchWriteFunctionalTests {

	private static final Path DISABLE_ALL = Path.of("jobs/disable-all.yaml");

	/** Bounds each run: few retries, short waits (the CLI's max-retry-wait is 2 s). */
	private static final Map<String, String> FAST = Map.of("writeback.graph.max-retries", "2",
			"writeback.graph.batch.call-timeout", "2s");

	GraphSimulator sim;

	@TempDir
	Path dir;

	Cli cli;

	Set<String> planned;

	@BeforeEach
	void setUp() throws IOException {
		sim = GraphSimulator.start(SimulatorConfig.builder().port(0).token("test-token").seed(11).unifiedGroups(200)
			.nonUnifiedGroups(10).build());
		cli = new Cli(sim.baseUrl(), sim.token(), dir.resolve("reports"));
		planned = DisableAll.groupsToChange(sim.tenant().unifiedGroups());
	}

	@AfterEach
	void stopSimulator() {
		sim.close();
	}

	@AfterAll
	static void writeCatalogue() {
		Catalogue.write();
	}

	@Test
	void applyFinishesInOneGoThroughGatewayPagesOnThreePercentOfRequests() {
		// every kind of request: listing pages, the count, settings reads and $batch envelopes
		sim.faults(FaultConfig.none().gatewayErrorRate(0.03));
		Cli.Result result = cli.run("apply", "--definition", DISABLE_ALL.toString());

		assertThat(result.exitCode()).as(result.all()).isZero();
		DisableAll.assertApplied(sim, planned);
		long resent = DisableAll.patchedGroups(sim).size() - planned.size();
		long lost = sim.counters().injected5xx();
		assertThat(resent).as("re-sent writes").isLessThanOrEqualTo(lost * 20);
	}

	@Test
	void gatewayPageOnEveryEnvelope() {
		sim.batchFaults(BatchFaults.none().envelope(1, 502, null));
		Cli.Result result = expect(100, "a gateway's HTML 502 page for every `$batch`", 3, FAST, Duration.ofSeconds(60));
		assertThat(result.err()).contains("every planned change failed").contains("HTTP 502").contains("resume");
		assertThat(DisableAll.patchedGroups(sim)).isEmpty();
	}

	@Test
	void envelope401() {
		sim.batchFaults(BatchFaults.none().envelope(1, 401, null));
		Cli.Result result = expect(101, "`$batch` answered 401 as a whole (expired token)", 2, FAST, Duration.ofSeconds(60));
		assertThat(result.err()).contains("refused the access token").contains("InvalidAuthenticationToken")
			.contains("expired");
		// each batch in flight (at most max-concurrent-batches) fetched the token once more, then the run stopped
		assertThat(sim.counters().batches()).isLessThanOrEqualTo(2 * 8);
	}

	@Test
	void envelope403() {
		sim.batchFaults(BatchFaults.none().envelope(1, 403, null));
		Cli.Result result = expect(102, "`$batch` answered 403 as a whole", 2, FAST, Duration.ofSeconds(60));
		assertThat(result.err()).contains("denied the batched updates").contains("Group.ReadWrite.All");
	}

	@Test
	void nullErrorSteps() {
		sim.batchFaults(BatchFaults.none().nullErrorRate(0.3));
		expectApplied(103, "30 % of steps answered 500 with `\"error\": null`");
	}

	@Test
	void missingSteps() {
		sim.batchFaults(BatchFaults.none().missingStepRate(0.3));
		expectApplied(104, "30 % of steps left out of the `$batch` answer");
	}

	@Test
	void duplicateSteps() {
		sim.batchFaults(BatchFaults.none().duplicateStepRate(0.3));
		expectApplied(105, "30 % of steps answered twice (204 and 429)");
	}

	@Test
	void unknownStepIds() {
		sim.batchFaults(BatchFaults.none().unknownStepRate(1).malformedStepRate(0.1));
		expectApplied(106, "an answer for a step id never sent in every `$batch`, 10 % of steps without a usable status");
	}

	@Test
	void batchThatNeverAnswers() {
		sim.batchFaults(BatchFaults.none().unansweredRate(1));
		Cli.Result result = expect(107, "a `$batch` that never answers", 3, FAST, Duration.ofSeconds(90));
		assertThat(result.err()).contains("no answer within the deadline of 2 s").contains("resume");
		assertThat(Set.copyOf(DisableAll.patchedGroups(sim))).as("Graph made them; the job does not claim them")
			.isSubsetOf(planned);
	}

	@Test
	void retryAfterOfADay() {
		sim.batchFaults(BatchFaults.none().envelope(1, 429, "86400"));
		Cli.Result result = expect(108, "`$batch` answered 429 with `Retry-After: 86400` (a day)", 3, FAST,
				Duration.ofSeconds(60));
		assertThat(result.err()).contains("HTTP 429");
		assertThat(DisableAll.patchedGroups(sim)).isEmpty();
	}

	@Test
	void retryAfterAsAnHttpDate() {
		sim.batchFaults(BatchFaults.none().envelope(1, 503, "Wed, 21 Oct 2037 07:28:00 GMT"));
		Cli.Result result = expect(109, "`$batch` answered 503 with `Retry-After` as an HTTP date years ahead", 3, FAST,
				Duration.ofSeconds(60));
		assertThat(result.err()).contains("HTTP 503");
		assertThat(DisableAll.patchedGroups(sim)).isEmpty();
	}

	@Test
	void endless429s() {
		// one write of budget a day: every other write is answered 429, Retry-After about a day
		sim.throttling(ThrottleConfig.graphLargeTenant().writes(1).writeWindow(Duration.ofDays(1)));
		Map<String, String> settings = new HashMap<>(FAST);
		settings.put("writeback.graph.batch.no-progress-timeout", "15s");
		Cli.Result result = expect(110, "every write throttled (429) over and over (no-progress-timeout 15 s)", 3, settings,
				Duration.ofSeconds(60));
		assertThat(result.err()).contains("Graph confirmed no change for").contains("resume");
		assertThat(DisableAll.patchedGroups(sim)).hasSize(1);
	}

	@Test
	void everyUpdateRefused400() {
		sim.batchFaults(BatchFaults.none().envelope(1, 400, null));
		Cli.Result result = expect(111, "every update answered 400", 3, FAST, Duration.ofSeconds(60));
		assertThat(result.err()).contains("every planned change failed").contains("HTTP 400");
		assertThat(DisableAll.patchedGroups(sim)).isEmpty();
	}

	private void expectApplied(int number, String input) {
		Cli.Result result = expect(number, input, 0, FAST, Duration.ofSeconds(60));
		assertThat(result.out()).isNotBlank();
		DisableAll.assertApplied(sim, planned);
	}

	/** Runs apply, checks exit code, bound, stderr shape and no stack trace, and records the catalogue row. */
	private Cli.Result expect(int number, String input, int exitCode, Map<String, String> settings, Duration bound) {
		long start = System.nanoTime();
		Cli.Result result = cli.run(settings, "apply", "--definition", DISABLE_ALL.toString());
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(result.exitCode()).as(result.all()).isEqualTo(exitCode);
		assertThat(took).as("time bound").isLessThan(bound);
		assertThat(result.all()).doesNotContain("\tat ").doesNotContain("Exception");
		if (exitCode != 0) {
			assertThat(result.err()).as("stderr").startsWith(exitCode == 2 ? "error: " : "run ");
			assertThat(Set.copyOf(DisableAll.patchedGroups(sim))).isSubsetOf(planned);
		}
		String firstLine = exitCode == 0 ? "(none: the command completed, every planned group changed)"
				: result.err().lines().filter(line -> !line.isBlank()).findFirst().orElse("")
					.replace(dir.toAbsolutePath() + "/", "");
		Catalogue.row(number, input + ", bound " + bound.toSeconds() + " s", "apply", firstLine, result.exitCode());
		return result;
	}
}

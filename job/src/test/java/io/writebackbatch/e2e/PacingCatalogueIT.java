package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.writebackbatch.simulator.BatchFaults;
import io.writebackbatch.simulator.FaultConfig;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import io.writebackbatch.simulator.ThrottleConfig;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * Catalogue cases 340-359: the write pacer attacked through the packaged CLI, the way a
 * misbehaving Graph and a careless operator tuning pacing would: pacing settings that are
 * not a rate, {@code Retry-After} values that ask for no wait at all, budgets of a few
 * writes, budgets that shrink mid-run, 429s below the limits, and a shutdown signal while
 * Graph's {@code Retry-After} holds every write.
 */
class PacingCatalogueIT extends PackagedCatalogue {

	/** The README's example definition: disable writeback on every cloud group. */
	private static final String[] APPLY = { "apply", "--definition", BadInputCatalogueIT.DISABLE_ALL.toString() };

	/**
	 * Was a busy loop: a NaN ceiling made the pacer's credit NaN, so every worker asked
	 * it again every nanosecond, nothing was sent, and after the no-progress timeout (10
	 * min) the run ended blaming Graph ("it keeps throttling, failing or not answering").
	 */
	@Case
	void maxWritesPerSecondNaN() {
		refusedSetting(340, "NaN");
	}

	/**
	 * Was one batch, then a wait of 20,000 s for the next (20 writes at 0.001/s), ended
	 * by the no-progress timeout blaming Graph; the README says the rate never goes below
	 * 1 write/s.
	 */
	@Case
	void maxWritesPerSecondBelowOne() {
		refusedSetting(341, "0.001");
	}

	/** Was silently no ceiling at all. */
	@Case
	void maxWritesPerSecondNegative() {
		refusedSetting(342, "-1");
	}

	private void refusedSetting(int number, String value) {
		PackagedCli.Result result = expect(number, "setting `writeback.graph.max-writes-per-second=" + value + "`", 2,
				cli.with("writeback.graph.max-writes-per-second", value), APPLY);
		assertThat(result.err()).startsWith("error: the settings under writeback.graph are not valid: "
				+ "writeback.graph.max-writes-per-second must be 0 (no ceiling) or a number of writes per second of at "
				+ "least 1, was " + Double.parseDouble(value));
		assertThat(result.elapsed()).as("refused before any write").isLessThan(Duration.ofSeconds(60));
	}

	/**
	 * Was every retry spent at once: a whole {@code $batch} refused with "Retry-After:
	 * 0.001" (or 0, a negative number, a date in the past) held nothing and taught the
	 * pacer nothing, so each batch went out nine times within a second and every change
	 * failed ("every planned change failed (52 of 52, none updated)"). Now a batch
	 * refused as a whole also backs off (0.5 s, doubling), and the run rides the refusals
	 * out until Graph takes the writes again.
	 */
	@Case(Lane.PACKAGED_JAR)
	void retryAfterZero() {
		Set<String> planned = DisableAll.groupsToChange(sim.tenant().unifiedGroups());
		sim.batchFaults(BatchFaults.none().envelope(1, 429, "0.001"));
		PackagedCli.Started apply = cli.start(APPLY);
		awaitBatches(3 * 3);
		sim.batchFaults(BatchFaults.none());
		PackagedCli.Result result = apply.await();
		assertThat(result.exitCode()).as(result.all()).isZero();
		assertThat(result.showsStackTrace()).as(result.all()).isFalse();
		DisableAll.assertApplied(sim, planned);
		record(343,
				"every `$batch` answered 429 as a whole with `Retry-After: 0.001` for 9 requests (each batch "
						+ "backs off, 0.5 s doubling, instead of spending its retries at once)",
				"apply", "(none: the command completed, every planned group changed)", 0);
	}

	/**
	 * Was a run past its no-progress timeout by the whole Retry-After ("Graph confirmed
	 * no change for 100 s (...no-progress-timeout=PT15S)"): a batch waiting out Graph's
	 * Retry-After did not look at the timeout, so when every batch was waiting (one batch
	 * here; the last batches of a run) a stalled run waited up to {@code max-retry-wait}
	 * more.
	 */
	@Case
	void retryAfterLongerThanTheNoProgressTimeout() throws IOException {
		PackagedCli job = tenantOf(20).with("writeback.graph.max-retry-wait", "120s")
			.with("writeback.graph.batch.no-progress-timeout", "5s");
		sim.batchFaults(BatchFaults.none().envelope(1, 429, "100"));
		PackagedCli.Result result = expect(344,
				"one `$batch` answered 429 with `Retry-After: 100`, `max-retry-wait` 120 s, `no-progress-timeout` "
						+ "5 s (the run stops at the timeout, not after the wait)",
				3, job, APPLY);
		assertThat(result.err()).startsWith(
				"run 1 FAILED: Graph confirmed no change for 5 s (writeback.graph.batch.no-progress-timeout=PT5S)");
		// the whole command, start-up included, took less than the Retry-After it did not
		// wait out
		assertThat(result.elapsed()).as("the timeout, not the 100 s Retry-After").isLessThan(Duration.ofSeconds(100));
	}

	/**
	 * A write budget of 5 writes refilled at 5 a second, smaller than one batch of 20:
	 * every batch is partly answered 429 and sent again, the rate never goes below 1
	 * write/s, and the run completes, though far below the refill (about 1 write/s): the
	 * pacer learns the rate from what got through, and a batch waits for credit of 20
	 * writes that a bucket of 5 cannot hold (Graph's holds 3,000).
	 */
	@Case
	void aBudgetSmallerThanABatch() throws IOException {
		PackagedCli job = tenantOf(14);
		sim.throttling(ThrottleConfig.graphLargeTenant().writes(5).writeWindow(Duration.ofSeconds(1)));
		PackagedCli.Result result = completes(345, "a write budget of 5 writes refilled at 5/s, smaller than a batch "
				+ "(every batch partly answered 429 and sent again; completes at about 1 write/s)", job);
		assertThat(result.out()).doesNotContain("NaN", "Infinity");
	}

	/**
	 * The write budget halves mid-run (another app began writing; the simulator's buckets
	 * restart full at the change): the pacer, paced at the first refill, is answered 429,
	 * measures again and follows the new refill down, as
	 * {@code WritePacerTests#followsABudgetThatShrinksMidRun} shows on a virtual clock.
	 */
	@Case(Lane.PACKAGED_JAR)
	// alone in its test JVM: the pacer measures rates against the clock, and two more
	// cases beside it on two cores slowed the run enough that it ended before measuring
	// the new refill
	@ResourceLock(value = Resources.GLOBAL, mode = ResourceAccessMode.READ_WRITE)
	void aBudgetThatHalvesMidRun() throws IOException {
		// about 1,160 changes: after the first 400 the pacer has some 19 s at the new
		// refill to notice it and measure again (with 829, a loaded machine's run could
		// end before the second measurement did)
		PackagedCli job = tenantOf(1400);
		Set<String> planned = DisableAll.groupsToChange(sim.tenant().unifiedGroups());
		sim.throttling(ThrottleConfig.oneSecondWriteBucket().timeScale(2));
		PackagedCli.Started apply = job.start(APPLY);
		awaitWrites(400);
		sim.throttling(ThrottleConfig.oneSecondWriteBucket());
		long throttledBefore = sim.counters().throttled429();
		long writesBefore = sim.counters().writesApplied();
		PackagedCli.Result result = apply.await();
		assertThat(result.exitCode()).as(result.all()).isZero();
		assertThat(result.showsStackTrace()).as(result.all()).isFalse();
		DisableAll.assertApplied(sim, planned);
		long throttledAfter = sim.counters().throttled429() - throttledBefore;
		long writesAfter = sim.counters().writesApplied() - writesBefore;
		System.out.printf("budget halved: %d 429s for %d writes after it%n", throttledAfter, writesAfter);
		Matcher remeasured = Pattern.compile("sustained rate measured again at ([0-9.]+) writes/s")
			.matcher(result.out());
		assertThat(remeasured.find()).as("the pacer measured the budget again:%n%s", result.out()).isTrue();
		assertThat(Double.parseDouble(remeasured.group(1))).as("the new refill (40/s)").isBetween(36.0, 44.0);
		assertThat((double) throttledAfter).as("429s after the budget halved, of %d writes", writesAfter)
			.isLessThan(0.4 * writesAfter);
		record(346, "the write budget halved mid-run, 80 to 40 writes/s, " + planned.size()
				+ " changes (the pacer logs 'sustained rate "
				+ "measured again at' about 40 writes/s; 15-25 % of the writes after the change answered 429 on "
				+ "the way)", "apply", "(none: the command completed, every planned group changed)", 0);
	}

	/**
	 * Graph under load: a fifth of all requests answered 429 (Retry-After: 1) below every
	 * limit. Each 429 holds the run for its Retry-After and is sent again; the run
	 * completes.
	 */
	@Case
	void randomThrottlingBelowTheLimits() {
		sim.faults(FaultConfig.none().randomThrottleRate(0.2));
		completes(347, "20 % of requests answered 429 (`Retry-After: 1`) below every limit (held for each "
				+ "Retry-After, sent again)", cli);
	}

	/**
	 * SIGTERM while every write is held by Graph's Retry-After of 100 s: the batches wait
	 * out the Retry-After, so the chunk does not reach its boundary; the process exits 3
	 * at the end of the grace period, saying so in the log (nothing on stderr), and
	 * {@code resume} recovers the run and completes it, nothing sent twice.
	 */
	/** The shutdown grace period of the SIGTERM case: short, as the case waits it out. */
	private static final Duration GRACE = Duration.ofSeconds(4);

	@Case(Lane.PACKAGED_JAR)
	void sigtermWhileRetryAfterHoldsTheWrites() throws Exception {
		Set<String> planned = DisableAll.groupsToChange(sim.tenant().unifiedGroups());
		PackagedCli job = cli.with("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("data/writeback"))
			.with("writeback.graph.max-retry-wait", "120s")
			.with("writeback.shutdown.grace-period", GRACE.toSeconds() + "s");
		sim.batchFaults(BatchFaults.none().envelope(1, 429, "100"));
		PackagedCli.Started apply = job.start(APPLY);
		apply.awaitOutput("sending it again");
		long signalled = System.nanoTime();
		apply.process().destroy();
		PackagedCli.Result stopped = apply.await();
		Duration stopping = Duration.ofNanos(System.nanoTime() - signalled);

		assertThat(stopped.exitCode()).as(stopped.all()).isEqualTo(3);
		assertThat(stopped.showsStackTrace()).as(stopped.all()).isFalse();
		assertThat(stopped.out())
			.contains("the run did not stop within the grace period of " + GRACE.toSeconds() + "s; exiting now");
		assertThat(stopping).as("the grace period (%s), not the 100 s Retry-After", GRACE)
			.isBetween(GRACE, GRACE.plusSeconds(15));
		assertThat(DisableAll.patchedGroups(sim)).as("nothing written while refused").isEmpty();
		record(348,
				"SIGTERM while Graph's `Retry-After: 100` holds every write, grace period "
						+ GRACE.toSeconds() + " s (exit at its end; " + "`resume` recovers the run and completes it)",
				"apply",
				stopped.err()
					.lines()
					.findFirst()
					.orElse("(none on stderr; the log says: the run did not stop " + "within the grace period of "
							+ GRACE.toSeconds() + "s; exiting now)"),
				stopped.exitCode());

		sim.batchFaults(BatchFaults.none());
		PackagedCli.Result resumed = job.run("resume", "--definition", BadInputCatalogueIT.DISABLE_ALL.toString());
		assertThat(resumed.exitCode()).as(resumed.all()).isZero();
		assertThat(resumed.out()).contains("recovering it so it can be resumed");
		DisableAll.assertApplied(sim, planned);
	}

	/** Waits until the tenant has applied {@code writes} PATCHes. */
	private void awaitWrites(long writes) {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (sim.counters().writesApplied() < writes) {
			assertThat(System.nanoTime()).as("%d writes within 90 s", writes).isLessThan(deadline);
			pause(Duration.ofMillis(50));
		}
	}

	/**
	 * Waits until the tenant has received {@code envelopes} {@code $batch} requests.
	 */
	private void awaitBatches(long envelopes) {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (sim.counters().batches() < envelopes) {
			assertThat(System.nanoTime()).as("%d $batch requests within 90 s", envelopes).isLessThan(deadline);
			pause(Duration.ofMillis(100));
		}
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/**
	 * A simulated tenant of {@code groups} unified groups instead of the class's 60, so
	 * that the pacer has enough writes to learn from; the CLI pointed at it.
	 */
	private PackagedCli tenantOf(int groups) throws IOException {
		sim.close();
		sim = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token("test-token")
			.seed(7)
			.unifiedGroups(groups)
			.nonUnifiedGroups(0)
			.build());
		return cli(sim);
	}

	/**
	 * Runs {@code apply} of the example definition; a run that completes changed every
	 * planned group and no other, the row saying what the run did instead.
	 */
	private PackagedCli.Result completes(int number, String input, PackagedCli job) {
		Set<String> planned = DisableAll.groupsToChange(sim.tenant().unifiedGroups());
		PackagedCli.Result result = runClean(0, job, APPLY);
		DisableAll.assertApplied(sim, planned);
		record(number, input, "apply", "(none: the command completed, every planned group changed)", 0);
		return result;
	}

}

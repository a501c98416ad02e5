package io.writebackbatch.graph.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** The pacer on a virtual clock: no sleeping, no timing assumptions about the machine. */
class WritePacerTests {

	private static final Logger pacingLog = (Logger) LoggerFactory.getLogger(FullBucketRate.class);

	/** Hundreds of virtual runs: their decision lines are not worth the build log. */
	@BeforeAll
	static void quietDecisions() {
		pacingLog.setLevel(TRACE ? Level.INFO : Level.WARN);
	}

	@AfterAll
	static void restoreDecisions() {
		pacingLog.setLevel(null);
	}

	private static final long SECOND = 1_000_000_000L;

	private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

	private WritePacer pacer(double ceiling) {
		return new WritePacer(PacingTuning.DEFAULTS, ceiling, 8, clock::get);
	}

	private void advance(double seconds) {
		clock.addAndGet((long) (seconds * SECOND));
	}

	@Test
	void unpacedUntilGraphSaysAnything() {
		WritePacer pacer = pacer(0);
		for (int i = 0; i < 100; i++) {
			assertThat(pacer.tryAcquire(20)).isZero();
			pacer.onResult(20, 20, 0, Double.NaN, SECOND / 10);
		}
		assertThat(pacer.currentRate()).isZero();
	}

	/**
	 * Where and how Graph sends {@code x-ms-throttle-limit-percentage}. Graph documents
	 * it loosely (sent above 0.8 of a limit, 0.8-1.8, which limit unstated) and not at
	 * all in {@code $batch} answers, so the pacer must meet its targets with each.
	 */
	enum Gauge {

		/** Nowhere. */
		ABSENT,

		/** On every step, the share of the bucket used, above 0.8. */
		STEPS,

		/**
		 * Only on the envelope, read when it leaves (after half a round trip of refill).
		 */
		ENVELOPE,

		/**
		 * Readings of 0.80-0.99 on every answer whatever the bucket holds, empty included
		 * (another limit's, or a wrong one).
		 */
		BELOW_ONE_WHILE_EMPTY,

		/**
		 * As Graph's throttling page describes: absent up to 0.8 of the limit, the share
		 * used up to 1.0, then 1 + the share of the last second's requests throttled
		 * ("1.2 indicates 20 % of the incoming requests are throttled"), at most 1.8.
		 */
		GRAPH_RANGE;

		double level(Bucket bucket, double[] answer, double now, Random random) {
			return switch (this) {
				case ABSENT -> Double.NaN;
				case STEPS -> answer[2];
				case ENVELOPE -> bucket.gauge(now);
				case BELOW_ONE_WHILE_EMPTY -> 0.8 + 0.19 * random.nextDouble();
				case GRAPH_RANGE -> bucket.graphRange(now);
			};
		}

	}

	/**
	 * The client: round trips of a quiet machine, of one loaded by other builds (slow and
	 * jittery), and of a client whose CPU is shared with another busy process: it runs in
	 * spells of 20-200 ms between stalls of 10-150 ms, so answers are read late and
	 * bunched, and batches leave late.
	 */
	enum Load {

		QUIET(0.05, 0.02, false), LOADED(0.15, 0.3, false), SHARED_CPU(0.05, 0.02, true),

		/** The benchmark's latency-bound tenant: 100 ms + 0-20 ms, never throttled. */
		SLOW(0.1, 0.02, false);

		final double latency;

		final double jitter;

		final boolean stalls;

		Load(double latency, double jitter, boolean stalls) {
			this.latency = latency;
			this.jitter = jitter;
			this.stalls = stalls;
		}

	}

	/** A write budget and how many writes a run needs on it. */
	enum Budget {

		ONE_SECOND("one-second bucket (40, 40/s)", 40, 40, 10_000),

		GRAPH("Graph's bucket (3,000 per 150 s: 20/s)", 3_000, 20, 30_000),

		GRAPH_X10("Graph's bucket refilled x10 (3,000, 200/s)", 3_000, 200, 30_000);

		final String what;

		final double capacity;

		final double refill;

		final int writes;

		Budget(String what, double capacity, double refill, int writes) {
			this.what = what;
			this.capacity = capacity;
			this.refill = refill;
			this.writes = writes;
		}

	}

	/** Every gauge placement x every budget x every client: a new one adds its rows. */
	static Stream<Arguments> budgetsGaugesAndClients() {
		List<Arguments> cases = new ArrayList<>();
		for (Load load : List.of(Load.QUIET, Load.LOADED, Load.SHARED_CPU)) {
			for (Gauge gauge : Gauge.values()) {
				for (Budget budget : Budget.values()) {
					cases.add(Arguments.of(budget, gauge, load));
				}
			}
		}
		return cases.stream();
	}

	/**
	 * Within 1.05 x the floor ((writes - burst) / sustained rate), at most 0.5 % of
	 * writes answered 429 (issue 20 item 2), whatever the gauge says: on a quiet machine
	 * in every one of 20 runs (each with its own round trips); on a client whose CPU is
	 * shared or loaded by round trips of 150-450 ms, on average (each run within 1.1 x;
	 * shared CPU on the one-second bucket, each run within 0.5 % too).
	 */
	@ParameterizedTest(name = "{0}, gauge {1}, {2}")
	@MethodSource("budgetsGaugesAndClients")
	void meetsTheTargetsWhateverTheGaugeSays(Budget budget, Gauge gauge, Load load) {
		String label = budget.what + ", gauge " + gauge + ", " + load;
		double floor = (budget.writes - budget.capacity) / budget.refill;
		double[] times = new double[RUNS];
		double[] shares = new double[RUNS];
		for (int run = 0; run < RUNS; run++) {
			Bucket bucket = new Bucket(budget.capacity, budget.refill, 0);
			times[run] = runUntil(pacer(0), bucket, 8, load, budget.writes, gauge, run) / floor;
			shares[run] = (double) bucket.throttled / budget.writes;
		}
		DoubleSummaryStatistics time = DoubleStream.of(times).summaryStatistics();
		DoubleSummaryStatistics share = DoubleStream.of(shares).summaryStatistics();
		if (TRACE) {
			System.out.printf("%s: time / floor mean %.3f max %.3f, 429s mean %.2f %% max %.2f %%%n", label,
					time.getAverage(), time.getMax(), 100 * share.getAverage(), 100 * share.getMax());
		}
		if (load == Load.QUIET) {
			assertThat(time.getMax()).as(label + ": time / floor, worst run").isLessThanOrEqualTo(1.05);
			assertThat(share.getMax()).as(label + ": share answered 429, worst run").isLessThanOrEqualTo(0.005);
			return;
		}
		// single runs may exceed 0.5 %: without a gauge the first 429 of a run costs what
		// is in flight (8 batches at 150-450 ms or with late answers), and round trips of
		// 150-450 ms make measuring a bucket of 40 cost more (docs/design/pacing.md)
		assertThat(time.getAverage()).as(label + ": time / floor, mean").isLessThanOrEqualTo(1.05);
		assertThat(time.getMax()).as(label + ": time / floor, worst run").isLessThanOrEqualTo(1.1);
		assertThat(share.getAverage()).as(label + ": share answered 429, mean").isLessThanOrEqualTo(0.005);
		if (load == Load.SHARED_CPU && budget == Budget.ONE_SECOND) {
			// measuring no longer climbs back to twice the refill once a full bucket
			// answered: single runs cost up to 0.81 % before
			assertThat(share.getMax()).as(label + ": share answered 429, worst run").isLessThanOrEqualTo(0.005);
		}
	}

	private static final int RUNS = 20;

	/**
	 * Before any 429 the run is not held to a few batches when answers are slow: a tenant
	 * that never throttles gets the in-flight limit's worth of writes per round trip.
	 */
	@Test
	void slowAnswersStillFillTheInFlightLimit() {
		Bucket unlimited = new Bucket(1e12, 1e12, 0);
		WritePacer pacer = pacer(0);
		double seconds = runUntil(pacer, unlimited, 8, Load.SLOW, 10_000, Gauge.ABSENT, 7);
		double limitBound = 10_000 / (8 * 20 / (Load.SLOW.latency + Load.SLOW.jitter / 2));
		assertThat(seconds / limitBound).as("time / time at 8 batches in flight").isLessThanOrEqualTo(1.1);
		assertThat(unlimited.throttled).isZero();
	}

	/**
	 * The gauge is a hint, never a licence: whatever it reads, it never lets more be in
	 * flight than without it, and a 429 moves the pacer exactly as it does without it.
	 */
	@ParameterizedTest(name = "gauge {0}")
	@ValueSource(doubles = { Double.NaN, 0.0, 0.5, 0.8, 0.95, 1.0, 1.2, 1.8, 5.0, Double.POSITIVE_INFINITY })
	void aFourTwentyNineWinsOverAnyGaugeValue(double level) {
		WritePacer plain = pacer(0);
		WritePacer gauged = pacer(0);
		for (int i = 0; i < 40; i++) {
			for (WritePacer pacer : List.of(plain, gauged)) {
				pacer.tryAcquire(20);
			}
			plain.onResult(20, 20, 0, Double.NaN, SECOND / 10);
			gauged.onResult(20, 20, 0, level, SECOND / 10);
			assertThat(gauged.batchesAllowedInFlight()).as("batches allowed in flight with the gauge at " + level)
				.isLessThanOrEqualTo(plain.batchesAllowedInFlight());
			advance(0.05);
		}
		plain.onResult(20, 5, 15, Double.NaN, SECOND / 10);
		gauged.onResult(20, 5, 15, level < 1 ? level : 0.1, SECOND / 10);
		assertThat(gauged.phase()).as("phase after a 429").isEqualTo(plain.phase()).isNotEqualTo(Phase.SLOW_START);
		assertThat(gauged.currentRate()).as("rate after a 429").isEqualTo(plain.currentRate()).isPositive();
	}

	/**
	 * After the first 429 nothing is sent until the batches in flight then are answered:
	 * the bucket is empty, so each would be answered 429 too. The hold lasts a few round
	 * trips at most, so an answer that never comes does not stall the run.
	 */
	@Test
	void nothingIsSentWhileTheBurstsLastBatchesAreAnswered() {
		WritePacer pacer = pacer(0);
		for (int i = 0; i < 6; i++) {
			assertThat(pacer.tryAcquire(20)).isZero();
			pacer.onResult(20, 20, 0, Double.NaN, SECOND);
			advance(0.05);
		}
		for (int i = 0; i < 3; i++) {
			assertThat(pacer.tryAcquire(20)).as("batch %d of the burst", i).isZero();
		}
		pacer.onResult(20, 5, 15, Double.NaN, SECOND);
		assertThat(pacer.phase()).isEqualTo(Phase.SETTLING);
		// long enough for the paced rate's credit to allow a batch: the hold wins
		advance(0.75);
		pacer.onResult(20, 0, 20, Double.NaN, SECOND);
		advance(0.75);
		assertThat(pacer.phase()).isEqualTo(Phase.SETTLING);
		assertThat(20 / pacer.currentRate()).as("seconds a batch's credit takes").isLessThan(1.5);
		assertThat(pacer.tryAcquire(20)).as("wait while settling").isPositive();
		// the third answer never comes: the hold ends all the same, at the paced rate
		advance(PacingTuning.DEFAULTS.settlingHoldRoundTrips() + 20 / pacer.currentRate());
		assertThat(pacer.tryAcquire(20)).as("send once the hold is over").isZero();
	}

	/**
	 * Measuring ends however the answers arrive (issue 20: late, bunched answers kept it
	 * going for 44 s while 16 % of writes were answered 429): by count, when every answer
	 * is a 429 that teaches no rate; by time, when the answers are too far apart for a
	 * stretch to hold and measuring has cost a batch of 429s.
	 */
	@Test
	void measuringEndsByCountAndByTime() {
		WritePacer byCount = pacer(0);
		byCount.onResult(20, 5, 15, Double.NaN, SECOND / 10);
		assertThat(byCount.phase()).isEqualTo(Phase.MEASURING);
		int throttled = 15;
		while (byCount.phase() == Phase.MEASURING) {
			advance(0.2);
			byCount.onResult(20, 0, 20, Double.NaN, SECOND / 10);
			throttled += 20;
		}
		assertThat(byCount.phase()).isEqualTo(Phase.PACED);
		assertThat(throttled - 15).as("writes answered 429 while measuring")
			.isLessThanOrEqualTo(PacingTuning.DEFAULTS.maxMeasuringThrottledWrites() + 20);

		WritePacer byTime = pacer(0);
		byTime.onResult(20, 5, 15, Double.NaN, SECOND / 10);
		double seconds = 0;
		while (byTime.phase() == Phase.MEASURING) {
			advance(5);
			seconds += 5;
			byTime.onResult(2, 2, 0, Double.NaN, SECOND / 10); // room, then a few 429s
			byTime.onResult(4, 0, 4, Double.NaN, SECOND / 10);
		}
		assertThat(byTime.phase()).isEqualTo(Phase.PACED);
		assertThat(seconds).as("seconds measuring")
			.isBetween(PacingTuning.DEFAULTS.maxMeasuringSeconds(), PacingTuning.DEFAULTS.maxMeasuringSeconds() + 5);
		assertThat(byTime.currentRate()).as("paced by what got through").isPositive();
	}

	@Test
	void neverBelowOneWritePerSecond() {
		WritePacer pacer = pacer(0);
		for (int i = 0; i < 200; i++) {
			advance(1.1);
			pacer.onResult(20, 0, 20, Double.NaN, SECOND / 10);
		}
		assertThat(pacer.currentRate()).isEqualTo(1.0);
		WritePacer gauged = pacer(0);
		for (int i = 0; i < 200; i++) {
			advance(0.6);
			gauged.onResult(20, 0, 20, 1.8, SECOND / 10);
		}
		assertThat(gauged.currentRate()).isGreaterThanOrEqualTo(1.0);
	}

	@Test
	void theCeilingAlwaysApplies() {
		WritePacer pacer = pacer(5);
		assertThat(pacer.currentRate()).isEqualTo(5.0);
		assertThat(pacer.tryAcquire(20)).isZero();
		assertThat(pacer.tryAcquire(20)).isEqualTo(4 * SECOND); // 20 writes at 5/s
		advance(4);
		assertThat(pacer.tryAcquire(20)).isZero();
		Bucket bucket = new Bucket(3_000, 200, 0);
		run(pacer, bucket, 8, 0.07, 60);
		assertThat(pacer.currentRate()).isLessThanOrEqualTo(5.0);
		assertThat(bucket.throttled).isZero();
	}

	@Test
	void holdsTheLevelUnderTheLimitAtTheSustainedRateOfASimulatedTenant() {
		// Graph's large-tenant write budget refilled 10x faster: 3,000 writes of burst,
		// then 200/s
		assertPacesAt(new Bucket(3_000, 200, 0), 120);
	}

	@Test
	void holdsTheLevelAtGraphsRealRate() {
		// 3,000 writes of burst, then 20/s, with a tenant that had already used a third
		// of it
		assertPacesAt(new Bucket(3_000, 20, 1_000), 900);
	}

	/**
	 * Another app starts writing to the tenant mid-run and takes half of the refill: the
	 * pacer follows it down instead of being throttled at the old rate.
	 */
	@Test
	void followsABudgetThatShrinksMidRun() {
		Bucket bucket = new Bucket(3_000, 200, 0);
		WritePacer pacer = pacer(0);
		run(pacer, bucket, 8, 0.07, 60);
		long throttledBefore = bucket.throttled;
		bucket.refill = 100;
		long acceptedBefore = bucket.accepted;
		run(pacer, bucket, 8, 0.07, 60);
		long throttledAfter = bucket.throttled - throttledBefore;
		long acceptedAfter = bucket.accepted - acceptedBefore;
		assertThat(pacer.currentRate()).as("pacing rate after the shrink").isBetween(90.0, 100.0);
		assertThat(bucket.acceptedBetween(90, 120) / 30.0).as("writes/s at the end").isCloseTo(100, within(5.0));
		assertThat((double) throttledAfter).as("429s after the shrink").isLessThanOrEqualTo(0.02 * acceptedAfter);
	}

	/**
	 * Graph answers 429 below its limits too when the service is loaded: such 429s, one
	 * here and there (1 % of writes), do not talk the pacer down to a crawl. Known cost:
	 * the pace settles about 20 % under the refill (it used to fall to a third of it).
	 */
	@Test
	void randomThrottlingBelowTheLimitsDoesNotDragThePaceDown() {
		Bucket bucket = new Bucket(3_000, 200, 0);
		bucket.randomThrottle = 0.01;
		WritePacer pacer = pacer(0);
		run(pacer, bucket, 8, 0.07, 120);
		assertThat(bucket.acceptedBetween(60, 120) / 60.0).as("writes/s accepted in the second minute")
			.isGreaterThan(0.75 * 200);
	}

	@Test
	void aSmallBucketIsSurvived() {
		Bucket bucket = new Bucket(100, 200, 0);
		WritePacer pacer = pacer(0);
		run(pacer, bucket, 8, 0.02, 60);
		double sustained = bucket.acceptedBetween(30, 60) / 30.0;
		assertThat(sustained).as("writes/s after the burst").isGreaterThan(0.8 * 200);
	}

	private void assertPacesAt(Bucket bucket, int seconds) {
		WritePacer pacer = pacer(0);
		run(pacer, bucket, 8, 0.07, seconds);
		assertThat((double) bucket.throttled).as("writes answered 429").isLessThanOrEqualTo(0.01 * bucket.accepted);
		assertThat(pacer.estimatedRefill()).isCloseTo(bucket.refill, within(bucket.refill * 0.15));
		double sustained = bucket.acceptedBetween(seconds / 3.0, seconds) / (seconds * 2 / 3.0);
		assertThat(sustained).as("writes/s after the burst").isCloseTo(bucket.refill, within(bucket.refill * 0.05));
		assertThat(bucket.minLevelAfterBurst).as("the bucket never ran empty again").isGreaterThan(0.5);
	}

	/**
	 * A token bucket like Graph's write budget; answers carry the gauge once more than 80
	 * % is used.
	 */
	static final class Bucket {

		final double capacity;

		double refill;

		/**
		 * Share of writes answered 429 whatever the bucket holds, as a loaded Graph does.
		 */
		double randomThrottle;

		final Random chance = new Random(11);

		double usage;

		double lastSeconds = Double.NaN;

		long accepted;

		long throttled;

		double maxLevelAfterBurst;

		double minLevelAfterBurst = Double.MAX_VALUE;

		boolean burstOver;

		final List<double[]> log = new ArrayList<>();

		Bucket(double capacity, double refill, double usage) {
			this.capacity = capacity;
			this.refill = refill;
			this.usage = usage;
		}

		/**
		 * Charges {@code writes} sub-requests at time {@code t}; returns {accepted,
		 * throttled, level or NaN}.
		 */
		double[] charge(double t, int writes) {
			if (!Double.isNaN(lastSeconds)) {
				usage = Math.max(0, usage - (t - lastSeconds) * refill);
			}
			lastSeconds = t;
			int ok = 0;
			for (int i = 0; i < writes; i++) {
				if (usage + 1 <= capacity && chance.nextDouble() >= randomThrottle) {
					usage++;
					ok++;
				}
			}
			accepted += ok;
			throttled += writes - ok;
			log.add(new double[] { t, ok, writes - ok });
			double level = usage / capacity;
			burstOver |= level >= 0.9;
			if (burstOver) {
				maxLevelAfterBurst = Math.max(maxLevelAfterBurst, level);
				minLevelAfterBurst = Math.min(minLevelAfterBurst, level);
			}
			return new double[] { ok, writes - ok, level > 0.8 ? Math.round(level * 100) / 100.0 : Double.NaN };
		}

		/**
		 * The gauge at time {@code t} without charging anything: NaN at or below 80 %
		 * used.
		 */
		double gauge(double t) {
			double level = Math.max(0, usage - (t - lastSeconds) * refill) / capacity;
			return level > 0.8 ? Math.round(level * 100) / 100.0 : Double.NaN;
		}

		/**
		 * The gauge as Graph's page describes it at time {@code t}: NaN up to 0.8 used,
		 * the share used up to 1.0, then 1 + the share of the last second's writes
		 * answered 429, at most 1.8.
		 */
		double graphRange(double t) {
			double sent = 0;
			double refused = 0;
			for (int i = log.size() - 1; i >= 0 && log.get(i)[0] > t - 1; i--) {
				sent += log.get(i)[1] + log.get(i)[2];
				refused += log.get(i)[2];
			}
			if (refused > 0) {
				return Math.min(1.8, 1 + refused / sent);
			}
			return gauge(t);
		}

		double acceptedBetween(double from, double to) {
			double first = log.get(0)[0];
			return log.stream().filter(e -> e[0] - first >= from && e[0] - first < to).mapToDouble(e -> e[1]).sum();
		}

	}

	/**
	 * Discrete-event run: {@code workers} batches of 20 in flight, each paced by the
	 * pacer, charged half-way through its round trip and answered at its end.
	 */
	private static final boolean TRACE = Boolean.getBoolean("pacer.trace");

	private void run(WritePacer pacer, Bucket bucket, int workers, double latencySeconds, double seconds) {
		record Event(long at, int worker, boolean charge, double[] answer, long sentAt) {
		}
		PriorityQueue<Event> events = new PriorityQueue<>(Comparator.comparingLong(Event::at));
		long start = clock.get();
		for (int w = 0; w < workers; w++) {
			events.add(new Event(start, w, false, null, start));
		}
		long end = start + (long) (seconds * SECOND);
		long half = (long) (latencySeconds / 2 * SECOND);
		while (!events.isEmpty()) {
			Event event = events.poll();
			clock.set(Math.max(clock.get(), event.at()));
			if (event.charge()) {
				double[] answer = bucket.charge(clock.get() / (double) SECOND, 20);
				events.add(new Event(clock.get() + half, event.worker(), false, answer, event.sentAt()));
				continue;
			}
			if (event.answer() != null) {
				pacer.onResult((int) (event.answer()[0] + event.answer()[1]), (int) event.answer()[0],
						(int) event.answer()[1], event.answer()[2], clock.get() - event.sentAt());
			}
			if (clock.get() >= end) {
				continue;
			}
			long wait = pacer.tryAcquire(20);
			if (wait > 0) { // ask again, as acquire() does
				events.add(new Event(clock.get() + Math.min(wait, 50_000_000L), event.worker(), false, null, 0));
				continue;
			}
			events.add(new Event(clock.get() + half, event.worker(), true, null, clock.get()));
		}
	}

	/**
	 * Like {@link #run} until {@code writes} writes were accepted (throttled ones are
	 * sent again), with the load's latency and jitter; the gauge where {@code gauge} says
	 * (on the envelope: read when the answer leaves, after the batch's own writes and
	 * half a round trip of refill). Returns the seconds it took.
	 */
	private double runUntil(WritePacer pacer, Bucket bucket, int workers, Load load, int writes, Gauge gauge,
			long seed) {
		record Event(long at, long order, int worker, boolean charge, double[] answer, long sentAt) {
		}
		Random random = new Random(seed);
		Stalls stalls = new Stalls(load.stalls, seed);
		long[] order = { 0 };
		PriorityQueue<Event> events = new PriorityQueue<>(
				Comparator.comparingLong(Event::at).thenComparingLong(Event::order));
		long start = clock.get();
		for (int w = 0; w < workers; w++) {
			events.add(new Event(start, order[0]++, w, false, null, start));
		}
		int[] left = { writes };
		int[] inFlight = { 0 };
		while (!events.isEmpty()) {
			Event event = events.poll();
			if (!event.charge() && stalls.runnableAt(event.at()) > event.at()) {
				// the client is not running: it reads this answer (or sends) when it is
				events.add(new Event(stalls.runnableAt(event.at()), event.order(), event.worker(), false,
						event.answer(), event.sentAt()));
				continue;
			}
			clock.set(Math.max(clock.get(), event.at()));
			long half = (long) ((load.latency + random.nextDouble() * load.jitter) / 2 * SECOND);
			if (event.charge()) {
				double[] answer = bucket.charge(clock.get() / (double) SECOND, (int) event.answer()[0]);
				events.add(new Event(clock.get() + half, order[0]++, event.worker(), false, answer, event.sentAt()));
				continue;
			}
			if (event.answer() != null) {
				double[] answer = event.answer();
				inFlight[0] -= (int) (answer[0] + answer[1]);
				left[0] -= (int) answer[0];
				double level = gauge.level(bucket, answer, clock.get() / (double) SECOND, random);
				pacer.onResult((int) (answer[0] + answer[1]), (int) answer[0], (int) answer[1], level,
						clock.get() - event.sentAt());
				if (TRACE && answer[1] > 0) {
					System.out.printf("  t=%7.3f 429s=%2d accepted=%2d rate=%6.1f total429=%d %s%n",
							(clock.get() - start) / 1e9, (int) answer[1], (int) answer[0], pacer.currentRate(),
							bucket.throttled, pacer.phase());
				}
				if (left[0] <= 0) {
					return (clock.get() - start) / (double) SECOND;
				}
			}
			int size = Math.min(20, left[0] - inFlight[0]);
			if (size <= 0) {
				events.add(new Event(clock.get() + 10_000_000L, order[0]++, event.worker(), false, null, 0));
				continue;
			}
			long wait = pacer.tryAcquire(size);
			if (wait > 0) {
				events.add(new Event(clock.get() + Math.min(wait, 1_000_000_000L), order[0]++, event.worker(), false,
						null, 0));
				continue;
			}
			inFlight[0] += size;
			events.add(new Event(clock.get() + half, order[0]++, event.worker(), true, new double[] { size },
					clock.get()));
		}
		throw new IllegalStateException("unreachable");
	}

	/**
	 * When a client whose CPU is shared runs: spells of 20-200 ms between stalls of
	 * 10-150 ms (another process has the cores); always, for the other clients.
	 */
	private static final class Stalls {

		private final boolean enabled;

		private final Random random;

		private long stallStart;

		private long stallEnd;

		Stalls(boolean enabled, long seed) {
			this.enabled = enabled;
			this.random = new Random(seed ^ 0x5eed);
		}

		/** The first moment at or after {@code t} (nanoseconds) when the client runs. */
		long runnableAt(long t) {
			if (!enabled) {
				return t;
			}
			while (t >= stallEnd) {
				stallStart = Math.max(stallEnd, t) + millis(20, 200);
				stallEnd = stallStart + millis(10, 150);
			}
			return t >= stallStart ? stallEnd : t;
		}

		private long millis(int from, int to) {
			return (from + random.nextInt(to - from + 1)) * 1_000_000L;
		}

	}

}

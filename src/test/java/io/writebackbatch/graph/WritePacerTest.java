package io.writebackbatch.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The pacer on a virtual clock: no sleeping, no timing assumptions about the machine. */
class WritePacerTest {

	private static final long SECOND = 1_000_000_000L;

	private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

	private void advance(double seconds) {
		clock.addAndGet((long) (seconds * SECOND));
	}

	@Test
	void unpacedUntilGraphSaysAnything() {
		WritePacer pacer = new WritePacer(0, clock::get);
		for (int i = 0; i < 100; i++) {
			assertThat(pacer.tryAcquire(20)).isZero();
			pacer.onResult(20, 0, Double.NaN);
		}
		assertThat(pacer.currentRate()).isZero();
	}

	@Test
	void withoutTheGaugeTheRateDropsOnThrottlingAndRecovers() {
		WritePacer pacer = new WritePacer(0, clock::get);
		for (int i = 0; i < 30; i++) { // 600 writes/s get through for a while
			advance(0.1);
			pacer.onResult(60, 0, Double.NaN);
		}
		advance(0.1);
		pacer.onResult(40, 20, Double.NaN);
		double dropped = pacer.currentRate();
		assertThat(dropped).isBetween(400.0, 600.0);

		advance(1.1);
		pacer.onResult(0, 20, Double.NaN);
		assertThat(pacer.currentRate()).isLessThan(dropped);
		double low = pacer.currentRate();

		for (int i = 0; i < 10; i++) {
			advance(1.1);
			pacer.onResult(20, 0, Double.NaN);
		}
		assertThat(pacer.currentRate()).isCloseTo(low * Math.pow(1.02, 10), within(low * 0.01));
	}

	@Test
	void neverBelowOneWritePerSecond() {
		WritePacer pacer = new WritePacer(0, clock::get);
		for (int i = 0; i < 200; i++) {
			advance(1.1);
			pacer.onResult(0, 20, Double.NaN);
		}
		assertThat(pacer.currentRate()).isEqualTo(1.0);
		WritePacer gauged = new WritePacer(0, clock::get);
		for (int i = 0; i < 200; i++) {
			advance(0.6);
			gauged.onResult(0, 20, 1.8);
		}
		assertThat(gauged.currentRate()).isGreaterThanOrEqualTo(1.0);
	}

	@Test
	void theCeilingAlwaysApplies() {
		WritePacer pacer = new WritePacer(5, clock::get);
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
		// Graph's large-tenant write budget refilled 10x faster: 3,000 writes of burst, then 200/s
		assertPacesAt(new Bucket(3_000, 200, 0), 120);
	}

	@Test
	void holdsTheLevelAtGraphsRealRate() {
		// 3,000 writes of burst, then 20/s, with a tenant that had already used a third of it
		assertPacesAt(new Bucket(3_000, 20, 1_000), 900);
	}

	@Test
	void aSmallBucketIsSurvived() {
		Bucket bucket = new Bucket(100, 200, 0);
		WritePacer pacer = new WritePacer(0, clock::get);
		run(pacer, bucket, 8, 0.02, 60);
		double sustained = bucket.acceptedBetween(30, 60) / 30.0;
		assertThat(sustained).as("writes/s after the burst").isGreaterThan(0.8 * 200);
	}

	private void assertPacesAt(Bucket bucket, int seconds) {
		WritePacer pacer = new WritePacer(0, clock::get);
		run(pacer, bucket, 8, 0.07, seconds);
		assertThat((double) bucket.throttled).as("writes answered 429").isLessThanOrEqualTo(0.01 * bucket.accepted);
		assertThat(pacer.estimatedRefill()).isCloseTo(bucket.refill, within(bucket.refill * 0.15));
		double sustained = bucket.acceptedBetween(seconds / 3.0, seconds) / (seconds * 2 / 3.0);
		assertThat(sustained).as("writes/s after the burst").isCloseTo(bucket.refill, within(bucket.refill * 0.05));
		assertThat(bucket.maxLevelAfterBurst).isLessThan(1.0);
		assertThat(bucket.minLevelAfterBurst).as("the bucket never ran empty again").isGreaterThan(0.5);
	}

	/** A token bucket like Graph's write budget; answers carry the gauge once more than 80 % is used. */
	static final class Bucket {

		final double capacity;

		final double refill;

		double usage;

		double lastSeconds = Double.NaN;

		long accepted;

		long throttled;

		double maxLevelAfterBurst;

		double minLevelAfterBurst = Double.MAX_VALUE;

		boolean burstOver;

		final java.util.List<double[]> log = new java.util.ArrayList<>();

		Bucket(double capacity, double refill, double usage) {
			this.capacity = capacity;
			this.refill = refill;
			this.usage = usage;
		}

		/** Charges {@code writes} sub-requests at time {@code t}; returns {accepted, throttled, level or NaN}. */
		double[] charge(double t, int writes) {
			if (!Double.isNaN(lastSeconds)) {
				usage = Math.max(0, usage - (t - lastSeconds) * refill);
			}
			lastSeconds = t;
			int ok = 0;
			for (int i = 0; i < writes; i++) {
				if (usage + 1 <= capacity) {
					usage++;
					ok++;
				}
			}
			accepted += ok;
			throttled += writes - ok;
			log.add(new double[] { t, ok });
			double level = usage / capacity;
			burstOver |= level >= 0.9;
			if (burstOver) {
				maxLevelAfterBurst = Math.max(maxLevelAfterBurst, level);
				minLevelAfterBurst = Math.min(minLevelAfterBurst, level);
			}
			return new double[] { ok, writes - ok, level > 0.8 ? Math.round(level * 100) / 100.0 : Double.NaN };
		}

		double acceptedBetween(double from, double to) {
			double first = log.get(0)[0];
			return log.stream().filter(e -> e[0] - first >= from && e[0] - first < to).mapToDouble(e -> e[1]).sum();
		}
	}

	/**
	 * Discrete-event run: {@code workers} batches of 20 in flight, each paced by the pacer, charged half-way through
	 * its round trip and answered at its end.
	 */
	private static final boolean TRACE = Boolean.getBoolean("pacer.trace");

	private long traced = -1;

	private void run(WritePacer pacer, Bucket bucket, int workers, double latencySeconds, double seconds) {
		record Event(long at, int worker, boolean charge, double[] answer) {
		}
		PriorityQueue<Event> events = new PriorityQueue<>(java.util.Comparator.comparingLong(Event::at));
		long start = clock.get();
		for (int w = 0; w < workers; w++) {
			events.add(new Event(start, w, false, null));
		}
		long end = start + (long) (seconds * SECOND);
		long half = (long) (latencySeconds / 2 * SECOND);
		while (!events.isEmpty()) {
			Event event = events.poll();
			clock.set(Math.max(clock.get(), event.at()));
			if (event.charge()) {
				double[] answer = bucket.charge(clock.get() / (double) SECOND, 20);
				events.add(new Event(clock.get() + half, event.worker(), false, answer));
				continue;
			}
			if (event.answer() != null) {
				pacer.onResult((int) event.answer()[0], (int) event.answer()[1], event.answer()[2]);
				if (TRACE && (clock.get() - start) / (SECOND / 2) != traced) {
					traced = (clock.get() - start) / (SECOND / 2);
					System.out.printf("t=%5.1f level=%.3f rate=%7.1f refill=%6.1f cap=%6.0f accepted=%d throttled=%d%n",
							(clock.get() - start) / 1e9, bucket.usage / bucket.capacity, pacer.currentRate(),
							pacer.estimatedRefill(), pacer.estimatedCapacity(), bucket.accepted, bucket.throttled);
				}
			}
			if (clock.get() >= end) {
				continue;
			}
			long wait = pacer.tryAcquire(20);
			if (wait > 0) { // ask again, as acquire() does
				events.add(new Event(clock.get() + Math.min(wait, 50_000_000L), event.worker(), false, null));
				continue;
			}
			events.add(new Event(clock.get() + half, event.worker(), true, null));
		}
	}
}

package io.writebackbatch.graph;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Spaces writes so the run settles just under the tenant's write budget without being told the numbers.
 *
 * <p>Graph's budgets are token buckets: a burst, then a sustained refill rate. Once a bucket is more than 80 % used,
 * every answer carries {@code x-ms-throttle-limit-percentage} (0.8 .. 1.8; throttling starts at 1.0). The pacer
 * treats that header as a level gauge: it fits {@code writesAccepted(t) = a + capacity * level(t) + refill * t} by
 * least squares over the recent samples, which gives the bucket's capacity and refill rate in writes, and then sends
 * at {@code refill + capacity * (target - level) / tau}: the refill rate, corrected to hold the level at
 * {@value #TARGET_LEVEL} (close to the limit, so no burst capacity is left unused, yet far enough from 1.0 that no
 * write is answered 429). While the level stays between 0.8 and 1.0 the bucket never empties, so the average rate is
 * exactly the refill rate whatever the estimation error.
 *
 * <p>Before the first gauge reading nothing is paced (the burst); after it, and until the fit is trustworthy, the
 * rate steps down by halves from what was getting through. Graph documents neither the gauge in {@code $batch} answers
 * nor the bucket's shape, so the pacer does not depend on either: every 429 is a moment the bucket was full, and
 * {@link FullBucketRate} learns the sustained rate from those moments alone; without the gauge that is the pacing
 * rate, with it a ceiling on the gauge's rate. The optional ceiling always applies; the rate never goes below one
 * write per second.
 */
final class WritePacer {

	static final double TARGET_LEVEL = 0.95;

	/** Below this level Graph sends no gauge: an absent header means "at most this". */
	static final double GAUGE_FLOOR = 0.8;

	private static final long SECOND = 1_000_000_000L;

	private static final long RECENT = 3 * SECOND;

	private static final long FIT_WINDOW = 60 * SECOND;

	private static final int MAX_SAMPLES = 4096;

	private static final int MAX_BATCH = 20;

	private static final long SLOW_START_POLL = 5_000_000L;

	private static final long MAX_WINDOW = 4 * MAX_BATCH;

	/** Writes of room left unused after a 429 before sending again, against jitter in when batches arrive. */
	private static final double FULL_MARGIN = 2;

	private final double ceiling;

	private final LongSupplier clock;

	private final long origin;

	/** The pacing rate in writes/s; 0 = not paced (yet). */
	private double rate;

	private double credit;

	private long creditNanos;

	private long accepted;

	/** (time, accepted writes) of recent results, for the rate that actually got through. */
	private final Deque<long[]> recent = new ArrayDeque<>();

	/** Gauge samples: seconds since origin, accepted writes, level. */
	private final Deque<double[]> samples = new ArrayDeque<>();

	private boolean gaugeSeen;

	private double capacity;

	private double refill;

	private long lastStepNanos;

	private long lastThrottledNanos;

	private double lastLevel;

	/** The last answer had no gauge: the level is below 0.8, by how much is unknown. */
	private boolean belowGauge;

	private long lastLevelNanos;

	private long acceptedAtLastLevel;

	private final FullBucketRate fullBucket = new FullBucketRate();

	/** Writes sent and not yet answered. */
	private int inFlight;

	/** Before the first 429: how many writes may be in flight (one batch, growing with every clean answer). */
	private long window = MAX_BATCH;

	WritePacer(double writesPerSecondCeiling) {
		this(writesPerSecondCeiling, System::nanoTime);
	}

	WritePacer(double writesPerSecondCeiling, LongSupplier clock) {
		this.ceiling = writesPerSecondCeiling;
		this.clock = clock;
		this.origin = clock.getAsLong();
		this.creditNanos = origin;
		this.credit = MAX_BATCH;
	}

	/**
	 * Takes the right to send {@code writes} writes if the current rate allows it now (returns 0), else returns how
	 * long to wait before asking again (nanoseconds). Credit accrues at the current rate, up to one batch.
	 */
	synchronized long tryAcquire(int writes) {
		long now = clock.getAsLong();
		steer(now);
		double current = currentRate();
		double elapsed = (now - creditNanos) / (double) SECOND;
		creditNanos = now;
		if (current <= 0) {
			// unpaced (the burst): slow start, so the first 429 finds few writes in flight
			if (inFlight > 0 && inFlight + writes > window) {
				return SLOW_START_POLL;
			}
			inFlight += writes;
			credit = writes;
			return 0;
		}
		if (fullBucket.measuring() && inFlight > 0) {
			return SLOW_START_POLL;
		}
		credit = Math.min(Math.max(writes, MAX_BATCH), credit + elapsed * current);
		if (credit >= writes) {
			credit -= writes;
			inFlight += writes;
			return 0;
		}
		return Math.max(1, (long) ((writes - credit) / current * SECOND));
	}

	/**
	 * One batch's answers: the writes it sent, those Graph accepted (charged: 2xx and 4xx other than 429), those
	 * answered 429, and the highest {@code x-ms-throttle-limit-percentage} among them (NaN when no answer carried it).
	 */
	synchronized void onResult(int sent, int acceptedWrites, int throttled, double level) {
		long now = clock.getAsLong();
		inFlight = Math.max(0, inFlight - sent);
		if (throttled == 0) {
			// doubles every round trip, as TCP's slow start does, up to a few batches: the first 429 of a run costs
			// about what is in flight then, and a budget-bound run needs no more than that to outpace the refill
			window = Math.min(MAX_WINDOW, window + sent);
		}
		accepted += acceptedWrites;
		recent.addLast(new long[] { now, acceptedWrites });
		while (!recent.isEmpty() && now - recent.peekFirst()[0] > RECENT) {
			recent.removeFirst();
		}
		fullBucket.onAnswer(now, accepted, throttled > 0, observedRate(now), inFlight);
		if (throttled > 0) {
			// the bucket is full now: nothing sent before it refills fits, whatever credit was saved up
			credit = Math.min(credit, -FULL_MARGIN);
			creditNanos = now;
		}
		boolean gauge = !Double.isNaN(level);
		if (gauge || gaugeSeen) {
			double observed = gauge ? level : GAUGE_FLOOR;
			if (throttled > 0) {
				observed = Math.max(observed, 1.0);
				lastThrottledNanos = now;
			}
			if (!gaugeSeen) {
				gaugeSeen = true;
				// the first reading: the burst is mostly spent; step well down from what was getting through
				rate = Math.max(1, observedRate(now) / 8);
				lastStepNanos = now;
			}
			if (gauge || throttled > 0) {
				addSample(now, observed);
				fit();
			}
			belowGauge = !gauge && throttled == 0;
			lastLevel = observed;
			lastLevelNanos = now;
			acceptedAtLastLevel = accepted;
			steer(now);
		}
	}

	private double observedRate(long now) {
		if (recent.isEmpty()) {
			return 0;
		}
		long span = Math.max(now - recent.peekFirst()[0], SECOND / 10);
		return recent.stream().mapToLong(s -> s[1]).sum() / (span / (double) SECOND);
	}

	private void addSample(long now, double level) {
		double t = (now - origin) / (double) SECOND;
		samples.addLast(new double[] { t, accepted, level });
		while (samples.size() > MAX_SAMPLES || t - samples.peekFirst()[0] > FIT_WINDOW / (double) SECOND) {
			samples.removeFirst();
		}
	}

	/** Sets the rate from the gauge: on every answer, and while waiting (between answers the level is predicted). */
	private void steer(long now) {
		if (!gaugeSeen) {
			return;
		}
		boolean recentlyThrottled = lastThrottledNanos != 0 && now - lastThrottledNanos < SECOND;
		if (refill > 0 && capacity > 0) {
			double level = lastLevel + ((accepted - acceptedAtLastLevel) - refill * (now - lastLevelNanos) / SECOND) / capacity;
			double tau = Math.min(30, Math.max(1, 0.1 * capacity / refill));
			double modelled = Math.max(1, refill + capacity * (TARGET_LEVEL - level) / tau);
			if (belowGauge) {
				// the model may be off and the gauge says nothing: probe upwards until it reads again
				if (now - lastStepNanos >= SECOND / 4) {
					rate = Math.max(modelled, rate * 1.25);
					lastStepNanos = now;
				}
			}
			else {
				rate = modelled;
			}
			if (recentlyThrottled) {
				rate = Math.min(rate, refill);
			}
			return;
		}
		// no model yet: halve while the level is high, double once it is not (or nothing was heard for a while)
		if (now - lastStepNanos < SECOND / 4) {
			return;
		}
		boolean stale = now - lastLevelNanos > SECOND;
		if (lastLevel >= TARGET_LEVEL && !stale || recentlyThrottled) {
			rate = Math.max(1, rate / 2);
			lastStepNanos = now;
		}
		else if (lastLevel < TARGET_LEVEL || stale) {
			rate = Math.min(1e6, rate * 2);
			lastStepNanos = now;
		}
	}

	/**
	 * Least squares of accepted = a + capacity * level + refill * t over the samples. When the levels hardly vary
	 * (a steady state), capacity cannot be told apart from a and the last good value is kept.
	 */
	private void fit() {
		int n = samples.size();
		if (n < 8) {
			return;
		}
		double mt = 0;
		double mn = 0;
		double mp = 0;
		for (double[] s : samples) {
			mt += s[0];
			mn += s[1];
			mp += s[2];
		}
		mt /= n;
		mn /= n;
		mp /= n;
		double stt = 0;
		double spp = 0;
		double stp = 0;
		double stn = 0;
		double spn = 0;
		for (double[] s : samples) {
			double dt = s[0] - mt;
			double dp = s[2] - mp;
			double dn = s[1] - mn;
			stt += dt * dt;
			spp += dp * dp;
			stp += dt * dp;
			stn += dt * dn;
			spn += dp * dn;
		}
		if (stt <= 0) {
			return;
		}
		double det = stt * spp - stp * stp;
		// the levels must vary (beyond the header's 0.01 resolution) and not just in step with time
		if (spp / n > 0.02 * 0.02 && det > 0.1 * stt * spp) {
			double c = (stt * spn - stp * stn) / det;
			double r = (spp * stn - stp * spn) / det;
			if (c > 0 && r > 0) {
				capacity = c;
				refill = r;
				return;
			}
		}
		if (capacity > 0) {
			double r = (stn - capacity * stp) / stt;
			if (r > 0) {
				refill = r;
			}
		}
	}

	synchronized double currentRate() {
		// once Graph has answered 429, what its 429s teach decides; before, the gauge (if Graph sends it) does
		double learned = fullBucket.rate();
		double paced = learned > 0 || !gaugeSeen ? learned : rate;
		if (paced > 0 && ceiling > 0) {
			return Math.min(paced, ceiling);
		}
		return Math.max(paced, ceiling);
	}

	/** The fitted refill rate (writes/s), 0 while unknown; without the gauge, the one learned from 429s. */
	synchronized double estimatedRefill() {
		return gaugeSeen ? refill : fullBucket.sustained();
	}

	/** The fitted bucket capacity (writes), 0 while unknown. */
	synchronized double estimatedCapacity() {
		return capacity;
	}
}

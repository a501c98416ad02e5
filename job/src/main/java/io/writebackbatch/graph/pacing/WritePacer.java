package io.writebackbatch.graph.pacing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Spaces writes so the run settles just under the tenant's write budget without being
 * told the numbers, and is the one decision about what may be in flight.
 *
 * <p>
 * Graph documents neither its write bucket's shape nor whether {@code $batch} answers
 * carry {@code x-ms-throttle-limit-percentage}, so the pacer needs neither: every 429
 * marks a moment the bucket was full, and {@link FullBucketRate} learns the sustained
 * rate from those moments and what got through between them ({@link Phase}). Before the
 * first 429 nothing is paced by rate (the burst), but the run starts slow: one batch at a
 * time until a few got through, then growing with every clean answer up to
 * {@link PacingTuning#burstSendRate()} writes/s' worth of round trips (at least a few
 * batches), so the first 429 costs about what is in flight then, and slow answers still
 * get enough batches in flight to spend the burst quickly (or to be latency-bound at the
 * in-flight limit). A gauge reading, when Graph sends one, is a hint: it can hold the
 * slow start to one batch for a while, never send more, and never outweighs a 429
 * ({@link GaugeHint}). After the first 429 nothing is sent until the batches in flight
 * then are answered (a few round trips at most). Once paced, a 429 leaves the bucket
 * full, so nothing more is sent until it has refilled a batch and a little room. The
 * optional ceiling always applies; the rate never goes below one write per second.
 */
public final class WritePacer {

	private static final long SECOND = 1_000_000_000L;

	private static final int BATCH = PacingTuning.BATCH_SIZE;

	private final PacingTuning tuning;

	private final double ceiling;

	private final int maxBatches;

	private final LongSupplier clock;

	private double credit;

	private long creditNanos;

	private long accepted;

	/** When the first write was sent; -1 before. */
	private long startNanos = -1;

	/**
	 * (time, accepted writes) of recent results, for the rate that actually got through.
	 */
	private final Deque<long[]> recent = new ArrayDeque<>();

	private final FullBucketRate fullBucket;

	private final GaugeHint gauge;

	/** Writes sent and not yet answered. */
	private int inFlight;

	/** Batches sent and not yet answered. */
	private int batchesInFlight;

	/**
	 * Before the first 429: how many writes may be in flight (one batch, growing with
	 * every clean answer).
	 */
	private long window = BATCH;

	/** When the first 429 came and settling began; -1 before. */
	private long settlingSinceNanos = -1;

	/** Smoothed round trip of a batch in seconds; 0 before the first answer. */
	private double roundTrip;

	/**
	 * @param writesPerSecondCeiling the operator's ceiling (0: none)
	 * @param maxBatches batches in flight at most (each a worker)
	 */
	public WritePacer(double writesPerSecondCeiling, int maxBatches) {
		this(PacingTuning.DEFAULTS, writesPerSecondCeiling, maxBatches, System::nanoTime);
	}

	WritePacer(PacingTuning tuning, double writesPerSecondCeiling, int maxBatches, LongSupplier clock) {
		this.tuning = tuning;
		this.ceiling = writesPerSecondCeiling;
		this.maxBatches = maxBatches;
		this.clock = clock;
		this.creditNanos = clock.getAsLong();
		this.credit = BATCH;
		this.fullBucket = new FullBucketRate(tuning);
		this.gauge = new GaugeHint(tuning);
	}

	/**
	 * Takes the right to send {@code writes} writes if the current rate allows it now
	 * (returns 0), else returns how long to wait before asking again (nanoseconds).
	 * Credit accrues at the current rate, up to one batch or
	 * {@link PacingTuning#catchUpSeconds()} at the rate. Batches in flight are bounded
	 * too: this is the one decision about what may be in flight.
	 */
	public synchronized long tryAcquire(int writes) {
		long now = clock.getAsLong();
		if (startNanos < 0) {
			startNanos = now;
		}
		double current = currentRate();
		double elapsed = (now - creditNanos) / (double) SECOND;
		creditNanos = now;
		long poll = (long) (tuning.slowStartPollSeconds() * SECOND);
		if (batchesInFlight >= maxBatches) {
			return poll;
		}
		if (fullBucket.phase() == Phase.SETTLING
				&& now - settlingSinceNanos < tuning.settlingHoldRoundTrips() * roundTrip * SECOND) {
			// the batches sent before the first 429 are still being answered: the bucket
			// is empty until they are, so anything sent now is answered 429 too
			credit = 0;
			return poll;
		}
		if (current <= 0) {
			// unpaced (the burst): slow start, so the first 429 finds few writes in
			// flight
			if (inFlight > 0 && inFlight + writes > window) {
				return poll;
			}
			credit = writes;
			return sent(writes);
		}
		double saved = Math.max(Math.max(writes, BATCH), tuning.catchUpSeconds() * current);
		credit = Math.min(saved, credit + elapsed * current);
		if (credit >= writes) {
			credit -= writes;
			return sent(writes);
		}
		return Math.max(1, (long) ((writes - credit) / current * SECOND));
	}

	private long sent(int writes) {
		inFlight += writes;
		batchesInFlight++;
		return 0;
	}

	/**
	 * One batch's answers: the writes it sent, those Graph accepted (charged: 2xx and 4xx
	 * other than 429), those answered 429, the highest
	 * {@code x-ms-throttle-limit-percentage} among them (NaN when no answer carried it),
	 * and how long the round trip took (nanoseconds).
	 */
	public synchronized void onResult(int sent, int acceptedWrites, int throttled, double level, long roundTripNanos) {
		long now = clock.getAsLong();
		inFlight = Math.max(0, inFlight - sent);
		batchesInFlight = Math.max(0, batchesInFlight - 1);
		double seconds = roundTripNanos / (double) SECOND;
		roundTrip = roundTrip == 0 ? seconds : roundTrip + tuning.roundTripGain() * (seconds - roundTrip);
		long acceptedBefore = accepted;
		accepted += acceptedWrites;
		boolean nearlyFull = gauge.saysNearlyFull(level, acceptedBefore, acceptedWrites);
		if (throttled == 0) {
			// doubles every round trip, as TCP's slow start does, up to the burst's send
			// rate, once a few batches got through (a bucket smaller than that is found
			// with one batch in flight): the first 429 of a run costs about what is in
			// flight then; a gauge reading says the bucket is nearly full: one batch is
			// enough until the 429
			long widest = Math.max((long) tuning.slowStartLeastBatches() * BATCH,
					(long) (tuning.burstSendRate() * roundTrip));
			boolean grow = !nearlyFull && accepted >= (long) tuning.oneAtATimeBatches() * BATCH;
			window = grow ? Math.min(widest, window + sent) : BATCH;
		}
		recent.addLast(new long[] { now, acceptedWrites });
		long recentNanos = (long) (tuning.recentSeconds() * SECOND);
		while (!recent.isEmpty() && now - recent.peekFirst()[0] > recentNanos) {
			recent.removeFirst();
		}
		double sinceStart = startNanos < 0 ? 0 : (now - startNanos) / (double) SECOND;
		fullBucket.onAnswer(new BucketAnswer(now, accepted, acceptedWrites, throttled, observedRate(now), inFlight,
				sinceStart, roundTrip));
		if (fullBucket.phase() == Phase.SETTLING && settlingSinceNanos < 0) {
			settlingSinceNanos = now;
		}
		if (throttled > 0) {
			// the bucket is full now: nothing sent before it refills fits, whatever
			// credit was saved up (while measuring it is held full on purpose, at a rate
			// a little above the refill)
			credit = Math.min(credit, fullBucket.phase().holdsTheBucketFull() ? 0 : -tuning.roomAfterFull());
			creditNanos = now;
		}
	}

	private double observedRate(long now) {
		if (recent.isEmpty()) {
			return 0;
		}
		long span = Math.max(now - recent.peekFirst()[0], SECOND / 10);
		return recent.stream().mapToLong(s -> s[1]).sum() / (span / (double) SECOND);
	}

	/**
	 * The pacing rate in writes/s: what the 429s taught, under the ceiling; 0 = not paced
	 * (no 429 yet).
	 */
	public synchronized double currentRate() {
		double learned = fullBucket.rate();
		if (learned > 0 && ceiling > 0) {
			return Math.min(learned, ceiling);
		}
		return Math.max(learned, ceiling);
	}

	/** The sustained rate learned from 429s (writes/s), 0 while unknown. */
	synchronized double estimatedRefill() {
		return fullBucket.sustained();
	}

	/** How many batches may be in flight now, for progress logs. */
	public synchronized int batchesAllowedInFlight() {
		return currentRate() > 0 ? maxBatches : (int) Math.min(maxBatches, Math.max(1, window / BATCH));
	}

	/** Where the pacer is in learning the write budget. */
	public synchronized Phase phase() {
		return fullBucket.phase();
	}

}

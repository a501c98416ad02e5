package io.writebackbatch.graph;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Spaces writes so the run settles just under the tenant's write budget without being
 * told the numbers.
 *
 * <p>
 * Graph documents neither its write bucket's shape nor whether {@code $batch} answers
 * carry {@code x-ms-throttle-limit-percentage}, so the pacer needs neither: every 429
 * marks a moment the bucket was full, and {@link FullBucketRate} learns the sustained
 * rate from those moments and what got through between them. Before the first 429 nothing
 * is paced (the burst), but the run starts slow: one batch at a time until a few got
 * through, then growing with every clean answer up to {@value #BURST_RATE} writes/s'
 * worth of round trips (at least a few batches), so the first 429 costs about what is in
 * flight then, and slow answers still get enough batches in flight to spend the burst
 * quickly (or to be latency-bound at the in-flight limit). A gauge reading, when Graph
 * sends one, only says the bucket is more than 80 % used: the burst then goes on with one
 * batch in flight. Once paced, a 429 leaves the bucket full, so nothing more is sent
 * until it has refilled a batch and a little room; Graph's {@code Retry-After} holds
 * every request meanwhile ({@link ThrottleGate}). The optional ceiling always applies;
 * the rate never goes below one write per second.
 */
final class WritePacer {

	private static final long SECOND = 1_000_000_000L;

	private static final long RECENT = 3 * SECOND;

	private static final int MAX_BATCH = 20;

	private static final long SLOW_START_POLL = 5_000_000L;

	/** The slow start's least window: a few batches, whatever the round trip. */
	private static final long MIN_WINDOW = 4 * MAX_BATCH;

	/**
	 * The slow start's send rate in writes/s, beyond {@link #MIN_WINDOW}: 75 x Graph's
	 * documented sustained write rate per app (20/s), so its burst (3,000) is spent in
	 * seconds, yet what is in flight when the first 429 comes stays about this rate times
	 * one round trip.
	 */
	static final int BURST_RATE = 1_500;

	/** Batches sent one at a time before the slow start grows. */
	private static final int FIRST_BATCHES = 3;

	/** Weight of the newest round trip in the smoothed one, as TCP's (RFC 6298). */
	private static final double RTT_GAIN = 0.125;

	/**
	 * Writes of room left unused after a 429 before sending again, against jitter in when
	 * batches arrive.
	 */
	private static final double FULL_MARGIN = 2;

	private final double ceiling;

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

	private final FullBucketRate fullBucket = new FullBucketRate();

	/** Writes sent and not yet answered. */
	private int inFlight;

	/**
	 * Before the first 429: how many writes may be in flight (one batch, growing with
	 * every clean answer).
	 */
	private long window = MAX_BATCH;

	/** Smoothed round trip of a batch in seconds; 0 before the first answer. */
	private double roundTrip;

	WritePacer(double writesPerSecondCeiling) {
		this(writesPerSecondCeiling, System::nanoTime);
	}

	WritePacer(double writesPerSecondCeiling, LongSupplier clock) {
		this.ceiling = writesPerSecondCeiling;
		this.clock = clock;
		this.creditNanos = clock.getAsLong();
		this.credit = MAX_BATCH;
	}

	/**
	 * Takes the right to send {@code writes} writes if the current rate allows it now
	 * (returns 0), else returns how long to wait before asking again (nanoseconds).
	 * Credit accrues at the current rate, up to one batch.
	 */
	synchronized long tryAcquire(int writes) {
		long now = clock.getAsLong();
		if (startNanos < 0) {
			startNanos = now;
		}
		double current = currentRate();
		double elapsed = (now - creditNanos) / (double) SECOND;
		creditNanos = now;
		if (current <= 0) {
			// unpaced (the burst): slow start, so the first 429 finds few writes in
			// flight
			if (inFlight > 0 && inFlight + writes > window) {
				return SLOW_START_POLL;
			}
			inFlight += writes;
			credit = writes;
			return 0;
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
	 * One batch's answers: the writes it sent, those Graph accepted (charged: 2xx and 4xx
	 * other than 429), those answered 429, the highest
	 * {@code x-ms-throttle-limit-percentage} among them (NaN when no answer carried it),
	 * and how long the round trip took (nanoseconds).
	 */
	synchronized void onResult(int sent, int acceptedWrites, int throttled, double level, long roundTripNanos) {
		long now = clock.getAsLong();
		inFlight = Math.max(0, inFlight - sent);
		double seconds = roundTripNanos / (double) SECOND;
		roundTrip = roundTrip == 0 ? seconds : roundTrip + RTT_GAIN * (seconds - roundTrip);
		accepted += acceptedWrites;
		if (throttled == 0) {
			// doubles every round trip, as TCP's slow start does, up to the burst's send
			// rate, once a few batches got through (a bucket smaller than that is found
			// with one batch in flight): the first 429 of a run costs about what is in
			// flight then; a gauge reading says the bucket is nearly full: one batch is
			// enough until the 429
			long widest = Math.max(MIN_WINDOW, (long) (BURST_RATE * roundTrip));
			boolean grow = Double.isNaN(level) && accepted >= FIRST_BATCHES * MAX_BATCH;
			window = grow ? Math.min(widest, window + sent) : MAX_BATCH;
		}
		recent.addLast(new long[] { now, acceptedWrites });
		while (!recent.isEmpty() && now - recent.peekFirst()[0] > RECENT) {
			recent.removeFirst();
		}
		double sinceStart = startNanos < 0 ? 0 : (now - startNanos) / (double) SECOND;
		fullBucket.onAnswer(new BucketAnswer(now, accepted, acceptedWrites, throttled, observedRate(now), inFlight,
				sinceStart, roundTrip));
		if (throttled > 0) {
			// the bucket is full now: nothing sent before it refills fits, whatever
			// credit was saved up (while measuring it is held full on purpose, at a rate
			// a little above the refill)
			credit = Math.min(credit, fullBucket.measuring() ? 0 : -FULL_MARGIN);
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
	synchronized double currentRate() {
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

	/** Whether the pacer holds the rate (after the first 429, or under a ceiling). */
	synchronized boolean paced() {
		return currentRate() > 0;
	}

}

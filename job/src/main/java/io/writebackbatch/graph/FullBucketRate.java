package io.writebackbatch.graph;

/**
 * Learns a write budget's sustained rate from its 429s alone, for when Graph sends no
 * {@code x-ms-throttle-limit-percentage}. A 429 means the bucket was full at that moment. Between two such moments
 * the bucket refilled exactly what was accepted in between (whatever its size, as long as it never ran empty), so
 * {@code sustained = writes accepted between the first and the latest 429 / time between them}: the longer that
 * span, the better the figure, and no probing upwards is needed once it is known.
 *
 * <p>Phases: unpaced until the first 429 (the burst); then measuring: the rate is held just above what got through
 * between consecutive 429s (so the bucket stays full and every answer is another full moment) until the span is at
 * least {@value #MIN_SPAN_SECONDS} s and {@value #MIN_SPAN_WRITES} writes; then paced at {@value #MARGIN} of the
 * sustained rate, which the bucket can always absorb. A later 429 means the figure was high: it is measured again
 * over the longer span.
 */
final class FullBucketRate {

	static final double MARGIN = 0.97;

	static final double MIN_SPAN_SECONDS = 1.0;

	static final int MIN_SPAN_WRITES = 120;

	private static final double SECOND = 1e9;

	/** Before this span after the first 429, the figure is too rough to pace by: the rate is only lowered. */
	private static final double MIN_ESTIMATE_SECONDS = 0.2;

	private int staleWrites;

	private long firstFullNanos;

	private long acceptedAtFirstFull;

	private long lastFullNanos;

	private long acceptedAtLastFull;

	private long lastRaiseNanos;

	private boolean measuring;

	private double sustained;

	private double rate;

	/**
	 * A batch's answer: {@code accepted} is the run's total of accepted writes so far, this answer included;
	 * {@code inFlight} the writes still unanswered (after this one).
	 */
	void onAnswer(long now, long accepted, boolean throttled, double recentRate, int inFlight) {
		if (staleWrites > 0) {
			// answers to batches sent at the burst's pace, before the first 429: the bucket is still full when the
			// last of them comes back, which is where the measurement starts
			staleWrites = Math.min(staleWrites, inFlight);
			if (staleWrites == 0) {
				firstFullNanos = now;
				acceptedAtFirstFull = accepted;
				lastFullNanos = now;
				acceptedAtLastFull = accepted;
			}
			return;
		}
		if (throttled) {
			onFull(now, accepted, recentRate, inFlight);
		}
		else if (measuring && now - lastRaiseNanos > SECOND / 4) {
			// the bucket is no longer full: the rate went below the refill; get back up to measure
			rate *= 1.25;
			lastRaiseNanos = now;

		}
	}

	private void onFull(long now, long accepted, double recentRate, int inFlight) {
		if (firstFullNanos == 0) {
			staleWrites = inFlight;
			firstFullNanos = now;
			acceptedAtFirstFull = accepted;
			lastFullNanos = now;
			acceptedAtLastFull = accepted;
			lastRaiseNanos = now;
			measuring = true;
			// the burst went through at recentRate, which the refill is below: start well under it
			rate = Math.max(1, recentRate / 16);
			return;
		}
		double span = (now - firstFullNanos) / SECOND;
		long gained = accepted - acceptedAtFirstFull;
		if (span >= MIN_SPAN_SECONDS && gained >= MIN_SPAN_WRITES || !measuring && span > 0) {
			sustained = gained / span;
			measuring = false;
			rate = Math.max(1, MARGIN * sustained);
		}
		else {
			double since = (now - firstFullNanos) / SECOND;
			if (since >= MIN_ESTIMATE_SECONDS) {
				rate = Math.max(1, 1.1 * gained / since);
			}
			lastRaiseNanos = now;
		}
		lastFullNanos = now;
		acceptedAtLastFull = accepted;
	}

	/** The pacing rate in writes/s; 0 = not paced (no 429 yet). */
	double rate() {
		return rate;
	}

	/** The learned sustained rate, 0 while unknown. */
	double sustained() {
		return sustained;
	}

	/** While measuring, one batch at a time: the next 429 then costs at most one batch. */
	boolean measuring() {
		return measuring;
	}
}

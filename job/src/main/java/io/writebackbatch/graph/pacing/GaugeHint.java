package io.writebackbatch.graph.pacing;

/**
 * Graph's {@code x-ms-throttle-limit-percentage}, read as a hint: a reading says the
 * bucket is nearly full, so the slow start goes on with one batch in flight. It never
 * lets more be sent than without it, and a 429 always wins over it.
 */
final class GaugeHint {

	private final PacingTuning tuning;

	GaugeHint(PacingTuning tuning) {
		this.tuning = tuning;
	}

	/**
	 * Whether this answer's gauge says the bucket is nearly full.
	 * @param level the highest reading in the answer (NaN: none)
	 * @param acceptedBefore writes accepted in the run before this answer
	 * @param acceptedNow writes this answer accepted
	 * @param throttled writes this answer refused with 429
	 */
	boolean saysNearlyFull(double level, long acceptedBefore, int acceptedNow, int throttled) {
		return !Double.isNaN(level);
	}

}

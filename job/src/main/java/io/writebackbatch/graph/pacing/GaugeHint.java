package io.writebackbatch.graph.pacing;

/**
 * Graph's {@code x-ms-throttle-limit-percentage}, read as a hint, never a licence: a
 * reading at or above {@link PacingTuning#gaugeNearlyFull()} says the bucket is nearly
 * full, so the slow start goes on with one batch in flight. It never lets more be sent
 * than without it, a 429 always wins over it (it plays no part once the first 429 came),
 * and readings in a row are believed for a bounded number of writes only: a bucket 80 %
 * full has room for about a quarter of what filled it, so a gauge that keeps reading long
 * after that measures another limit, or nothing, and would hold the run at one batch. A
 * gauge that goes quiet as the bucket drains tracks it, and is judged afresh.
 */
final class GaugeHint {

	private final PacingTuning tuning;

	/** Writes accepted before the first of the current readings in a row; -1: none. */
	private long acceptedAtFirstReading = -1;

	/** The gauge read for longer than a nearly full bucket could: ignored from now on. */
	private boolean disbelieved;

	GaugeHint(PacingTuning tuning) {
		this.tuning = tuning;
	}

	/**
	 * Whether this answer's gauge says the bucket is nearly full.
	 * @param level the highest reading in the answer (NaN: none)
	 * @param acceptedBefore writes accepted in the run before this answer
	 * @param acceptedNow writes this answer accepted
	 */
	boolean saysNearlyFull(double level, long acceptedBefore, int acceptedNow) {
		if (disbelieved) {
			return false;
		}
		if (!(level >= tuning.gaugeNearlyFull())) {
			// the gauge went quiet as the bucket drained: it tracks the bucket, and the
			// next
			// readings are judged afresh
			acceptedAtFirstReading = -1;
			return false;
		}
		if (acceptedAtFirstReading < 0) {
			acceptedAtFirstReading = acceptedBefore;
		}
		long room = Math.max((long) tuning.gaugeLeastBatches() * PacingTuning.BATCH_SIZE,
				(long) (tuning.gaugeRoomShare() * acceptedAtFirstReading));
		disbelieved = acceptedBefore + acceptedNow - acceptedAtFirstReading > room;
		return !disbelieved;
	}

}

package io.writebackbatch.graph.pacing;

/**
 * What {@link FullBucketRate} learns from one batch's answer.
 *
 * @param now when it came back (nanoseconds of the pacer's clock)
 * @param accepted the run's total of accepted writes so far, this answer's included
 * @param acceptedNow the writes this answer accepted
 * @param throttled the writes this answer refused with 429
 * @param recentRate writes/s accepted over the last few seconds
 * @param inFlight writes sent and still unanswered
 * @param sinceStart seconds since the first write was sent
 * @param roundTrip a batch's smoothed round trip in seconds
 */
record BucketAnswer(long now, long accepted, int acceptedNow, int throttled, double recentRate, int inFlight,
		double sinceStart, double roundTrip) {

	boolean wasThrottled() {
		return throttled > 0;
	}

}

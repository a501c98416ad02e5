package io.writebackbatch.graph.pacing;

/**
 * Every number the pacer decides by, each with its reason. Change one here and the
 * virtual-clock tests ({@code WritePacerTests}) tell whether the targets still hold.
 *
 * @param recentSeconds what got through is judged over this window: long enough to hold
 * several round trips, short enough to be the burst's rate when the first 429 comes
 * @param slowStartPollSeconds how soon a batch held by the slow-start window asks again:
 * well under a round trip
 * @param slowStartLeastBatches the slow start's least window in batches, whatever the
 * round trip: a few batches keep a fast tenant busy
 * @param burstSendRate the slow start's widest send rate in writes/s: 75 x Graph's
 * documented sustained write rate per app (20/s), so its burst (3,000) is spent in
 * seconds, yet what is in flight at the first 429 stays this rate x one round trip
 * @param oneAtATimeBatches batches sent one at a time before the slow start grows: a
 * bucket smaller than that is found with one batch in flight
 * @param roundTripGain weight of the newest round trip in the smoothed one, as TCP's (RFC
 * 6298)
 * @param catchUpSeconds paced credit saved up while nobody sent (a client stalled by a
 * busy CPU, a Retry-After hold) is kept for up to this long at the rate, at least one
 * batch: the bucket refilled meanwhile, and losing it made a stalled client 25 % slow
 * @param roomAfterFull writes of room left unused after a 429 while paced, against jitter
 * in when batches arrive
 * @param margin paced at this share of the measured sustained rate: the bucket stays just
 * under full, so jitter does not turn into 429s
 * @param overshoot while measuring, sent at this multiple of the slope so far: the bucket
 * stays full and nearly every answer is another full moment
 * @param minSpanSeconds a stretch of full moments this long (and {@code minSpanWrites})
 * is long enough to pace by
 * @param minSpanWrites a stretch that gained this many writes (and lasts
 * {@code minSpanSeconds}) is long enough to pace by
 * @param minSlopeSeconds a slope over less than this is too rough to steer by
 * @param relearned a rate measured again is worth a log line when it moved by more than
 * this share
 * @param firstRateShare after the first 429, start at this share of the burst's rate: the
 * refill is below the rate the bucket drained at
 * @param settledRateShare measuring starts at what got through while the burst's last
 * batches were answered (the bucket empty: about the refill), at most this share of the
 * burst's rate
 * @param settlingHoldRoundTrips after the first 429 nothing is sent until the batches in
 * flight then are answered (the bucket is empty: anything sent meanwhile is answered 429
 * too), for at most this many round trips, so an answer that never comes does not stall
 * the run
 * @param fullBucketThrottled a 429 while measuring that refuses at least this many of its
 * batch's writes was answered by a full bucket, not by Graph throttling below its limits
 * (1 % of writes: 3 of 20 is a one-in-a-thousand batch); from then on getting back up
 * stays within {@code rampCeiling} of what got through, instead of up to
 * {@code provenCeiling}: on the one-second bucket with late, bunched answers each climb
 * reached twice the refill and single runs cost 0.81 % in 429s
 * @param rampCeiling getting back up while measuring goes at most this far above the last
 * slope
 * @param provenCeiling getting back up goes at most this far above what got through since
 * the bucket was last full: the refill is at least that, and room banked meanwhile only
 * delays the next 429
 * @param backUpAfterSeconds while measuring, this long without a 429 (and
 * {@code backUpAfterBatches} at the rate) means the rate fell below the refill
 * @param backUpAfterBatches while measuring, this many batches' time at the rate without
 * a 429 (and {@code backUpAfterSeconds}) means the rate fell below the refill
 * @param raiseStep getting back up multiplies the rate by this per {@code raiseSeconds}
 * without a 429
 * @param raiseSeconds how often getting back up may raise the rate
 * @param maxRaiseSteps the most raise steps at once after a long quiet spell: no jump
 * past what a few answers proved
 * @param refillBound the refill is at most this multiple of the best rate measured so far
 * (used to judge whether the bucket may have run empty between two 429s)
 * @param staleRoundTrips once paced, 429s arriving within this many round trips answer
 * batches sent while measuring (on purpose too fast) and teach nothing
 * @param minRate never paced below this many writes/s: the budget is never smaller, and a
 * lower rate would hold one batch for minutes
 * @param maxMeasuringSeconds a backstop: measuring ends at the first 429 after this long
 * once it cost a batch of 429s, whatever the answers look like; long enough that a loaded
 * client's measuring (up to some 30 s) ends on its own with a true figure, since a figure
 * taken at the bound may be low (the bucket had room while ramping up)
 * @param maxMeasuringThrottledWrites measuring ends once this many writes were answered
 * 429 while measuring (5 batches: 1 % of a 10,000-write run): a bucket overfilled at
 * twice its refill costs that much, not 16 % (issue 20)
 * @param gaugeNearlyFull a gauge reading at or above this (Graph sends it only above 0.8)
 * says the bucket is nearly full: the slow start goes on with one batch in flight
 * @param gaugeRoomShare a gauge is believed for at most this share of the writes accepted
 * before it first read (a bucket 80 % full has room for a quarter of them, plus its
 * refill meanwhile), and at least {@code gaugeLeastBatches} batches: a gauge that reads
 * while the bucket is empty must not hold the run at one batch
 * @param gaugeLeastBatches the least number of clean batches a gauge reading is believed
 * for
 */
public record PacingTuning(double recentSeconds, double slowStartPollSeconds, int slowStartLeastBatches,
		double burstSendRate, int oneAtATimeBatches, double roundTripGain, double catchUpSeconds, double roomAfterFull,
		double margin, double overshoot, double minSpanSeconds, int minSpanWrites, double minSlopeSeconds,
		double relearned, double firstRateShare, double settledRateShare, double settlingHoldRoundTrips,
		int fullBucketThrottled, double rampCeiling, double provenCeiling, double backUpAfterSeconds,
		int backUpAfterBatches, double raiseStep, double raiseSeconds, int maxRaiseSteps, double refillBound,
		double staleRoundTrips, double minRate, double maxMeasuringSeconds, int maxMeasuringThrottledWrites,
		double gaugeNearlyFull, double gaugeRoomShare, int gaugeLeastBatches) {

	/**
	 * Writes per {@code $batch}: Graph's JSON batching takes at most 20 requests. The one
	 * batch size of reads and writes.
	 */
	public static final int BATCH_SIZE = 20;

	/** The tuning every run uses, one number a line in the order above. */
	public static final PacingTuning DEFAULTS = new PacingTuning(3, // recentSeconds
			0.005, // slowStartPollSeconds
			4, // slowStartLeastBatches
			1_500, // burstSendRate
			3, // oneAtATimeBatches
			0.125, // roundTripGain
			0.5, // catchUpSeconds
			2, // roomAfterFull
			0.98, // margin
			1.1, // overshoot
			2.0, // minSpanSeconds
			120, // minSpanWrites
			0.2, // minSlopeSeconds
			0.05, // relearned
			1 / 8.0, // firstRateShare
			0.5, // settledRateShare
			2, // settlingHoldRoundTrips
			3, // fullBucketThrottled
			1.25, // rampCeiling
			2, // provenCeiling
			0.5, // backUpAfterSeconds
			2, // backUpAfterBatches
			1.25, // raiseStep
			0.25, // raiseSeconds
			4, // maxRaiseSteps
			1.1, // refillBound
			2, // staleRoundTrips
			1, // minRate
			60, // maxMeasuringSeconds
			100, // maxMeasuringThrottledWrites
			0.8, // gaugeNearlyFull
			1, // gaugeRoomShare
			4); // gaugeLeastBatches

}

package io.writebackbatch.graph.pacing;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns a write budget's sustained rate from its 429s alone: no gauge, no bucket shape,
 * no probing once known.
 *
 * <p>
 * A 429 means the bucket was full at that moment. Between two full moments the bucket
 * refilled exactly what was accepted in between, as long as it never ran empty; so over a
 * <em>stretch</em> of full moments the accepted writes grow with time at the sustained
 * rate, which is their least-squares slope. The bucket can only have run empty between
 * two full moments if the refill in between (at most 1.1 × a slope already measured, else
 * the rate just answered 429) could exceed what was accepted by more than the bucket
 * holds (at least the burst accepted before the first 429, less what refilled during it):
 * then the stretch starts again there, so a stall of the process or a slow start never
 * teaches a low rate.
 *
 * <p>
 * Phases ({@link Phase}): unpaced until the first 429 (the burst); then settling: nothing
 * is sent until the burst's last batches are answered; then measuring: sending at
 * {@link PacingTuning#overshoot()} × the slope (or ramping up while nothing is
 * throttled), so the bucket stays full and nearly every answer is another full moment,
 * until the stretch spans {@link PacingTuning#minSpanSeconds()} and
 * {@link PacingTuning#minSpanWrites()}; then paced at {@link PacingTuning#margin()} × the
 * learned rate. Once paced, each 429 that follows another without room in between lowers
 * the rate a little (a lone one is Graph throttling below its limits), and the first one
 * (past the answers to batches sent while measuring) starts a new stretch: a budget that
 * shrank mid-run, because another app began writing, is measured again.
 */
final class FullBucketRate {

	private static final double SECOND = 1e9;

	private static final int BATCH = PacingTuning.BATCH_SIZE;

	private static final Logger log = LoggerFactory.getLogger(FullBucketRate.class);

	private final PacingTuning tuning;

	private Phase phase = Phase.SLOW_START;

	/** When measuring began (the burst answered), for its time bound. */
	private long measuringSinceNanos;

	/** The accepted writes when measuring began. */
	private long acceptedWhenMeasuring;

	/** Writes answered 429 since measuring began, for its count bound. */
	private long measuringThrottled;

	private final FullMoments stretch = new FullMoments();

	private int staleWrites;

	/**
	 * Writes the throttled answers while settling got through, and when the last came.
	 */
	private long settledWrites;

	private long settledNanos;

	private long taughtNanos;

	private double burstWrites;

	private double burstSeconds;

	/**
	 * What got through just before the first 429, while the bucket was draining: more
	 * than the refill.
	 */
	private double burstRate;

	private long lastFullNanos;

	private long acceptedAtLastFull;

	private long lastRaiseNanos;

	/**
	 * An answer came back unthrottled since the last full moment: the bucket had room
	 * then.
	 */
	private boolean roomSinceFull;

	/**
	 * While measuring, a 429 refused a good part of its batch: the rate was past the
	 * refill, not answered by Graph throttling below its limits.
	 */
	private boolean overshot;

	/** The slope of the latest stretch long enough to have one; 0 before. */
	private double lastSlope;

	private double sustained;

	private double rate;

	/** Writes answered 429 in this run, for the log. */
	private long throttledWrites;

	FullBucketRate(PacingTuning tuning) {
		this.tuning = tuning;
	}

	void onAnswer(BucketAnswer answer) {
		long now = answer.now();
		long accepted = answer.accepted();
		throttledWrites += answer.throttled();
		switch (phase) {
			case SETTLING -> settle(answer);
			case SLOW_START -> {
				if (answer.wasThrottled()) {
					firstFull(answer);
				}
			}
			default -> {
				if (phase == Phase.MEASURING && measuredTooLong(answer)) {
					endMeasuring(now);
				}
				else if (!answer.wasThrottled()) {
					roomSinceFull = true;
					if (phase == Phase.MEASURING && now - lastFullNanos > quietNanos()
							&& now - lastRaiseNanos > tuning.raiseSeconds() * SECOND) {
						getBackUp(now, accepted, answer.roundTrip());
					}
				}
				else if (!answersBatchSentWhileMeasuring(answer)) {
					fullAgain(answer);
				}
			}
		}
	}

	/**
	 * Answers to batches sent at the burst's pace, before the first 429: the bucket is
	 * still full when the last of them comes back, which is where the first stretch
	 * starts. What the throttled ones got through over their span is about the refill:
	 * measuring starts there rather than at a share of the burst's rate, which is either
	 * far above the refill (Graph's 20/s) or far below it (a bucket refilled ten times
	 * faster, which then refilled while the rate climbed and cost a second drain's 429s).
	 */
	private void settle(BucketAnswer answer) {
		staleWrites = Math.min(staleWrites, answer.inFlight());
		if (answer.wasThrottled()) {
			// the bucket was empty when this batch reached it: what it got through
			// refilled since the first 429
			settledWrites += answer.acceptedNow();
			settledNanos = answer.now();
		}
		if (staleWrites == 0) {
			double span = (settledNanos - lastFullNanos) / SECOND;
			if (span >= tuning.minSlopeSeconds()) {
				double settled = settledWrites / span;
				rate = Math.max(tuning.minRate(), Math.min(tuning.settledRateShare() * burstRate, settled));
			}
			startMeasuring(answer.now(), answer.accepted());
		}
	}

	private void firstFull(BucketAnswer answer) {
		long now = answer.now();
		long accepted = answer.accepted();
		staleWrites = answer.inFlight();
		burstWrites = accepted;
		burstSeconds = answer.sinceStart();
		burstRate = Math.max(tuning.minRate(), answer.recentRate());
		// the burst went through at recentRate, which the refill is below: start well
		// under it
		rate = Math.max(tuning.minRate(), tuning.firstRateShare() * burstRate);
		lastRaiseNanos = now;
		log.info(
				"write budget: the first 429 came after {} writes in {} s ({} writes/s), with {} writes in flight; "
						+ "measuring the sustained rate",
				accepted, oneDecimal(burstSeconds), oneDecimal(burstRate), answer.inFlight());
		if (staleWrites > 0) {
			phase = Phase.SETTLING;
			full(now, accepted, true);
		}
		else {
			startMeasuring(now, accepted);
		}
	}

	private void startMeasuring(long now, long accepted) {
		phase = Phase.MEASURING;
		measuringSinceNanos = now;
		acceptedWhenMeasuring = accepted;
		measuringThrottled = 0;
		full(now, accepted, true);
	}

	/**
	 * Whether measuring has gone on long enough, whatever the answers look like: late and
	 * bunched answers can keep restarting the stretch while the bucket is overfilled. It
	 * ends at a full moment (a 429), so what got through until then is judged against a
	 * full bucket: after the time bound once it cost a batch of 429s, or after the count
	 * bound. A measuring that costs (almost) no 429s has its rate below the refill and is
	 * left to finish: ending it would pace by a figure taken while the bucket had room.
	 */
	private boolean measuredTooLong(BucketAnswer answer) {
		measuringThrottled += answer.throttled();
		boolean costly = measuringThrottled >= BATCH;
		return answer.wasThrottled()
				&& (costly && (answer.now() - measuringSinceNanos) / SECOND >= tuning.maxMeasuringSeconds()
						|| measuringThrottled >= tuning.maxMeasuringThrottledWrites());
	}

	/**
	 * Ends measuring at its bound: paced by what got through between the first and the
	 * last full moment since measuring began. The bucket refilled exactly that if it
	 * never ran empty in between, less if it did: never more than the refill.
	 */
	private void endMeasuring(long now) {
		double seconds = (lastFullNanos - measuringSinceNanos) / SECOND;
		double through = seconds > 0 ? (acceptedAtLastFull - acceptedWhenMeasuring) / seconds : rate;
		log.info(
				"write budget: measuring ended at its bound ({} s, {} writes answered 429): {} writes/s got through "
						+ "between full moments; pacing at {} writes/s ({} writes answered 429 so far)",
				oneDecimal((now - measuringSinceNanos) / SECOND), measuringThrottled, oneDecimal(through),
				oneDecimal(tuning.margin() * through), throttledWrites);
		sustained = Math.max(tuning.minRate(), through);
		rate = Math.max(tuning.minRate(), tuning.margin() * through);
		phase = Phase.PACED;
		taughtNanos = now;
	}

	/** How long without a 429 while measuring means the rate is below the refill. */
	private double quietNanos() {
		return Math.max(tuning.backUpAfterSeconds(), tuning.backUpAfterBatches() * BATCH / rate) * SECOND;
	}

	/**
	 * Just after the rate was learned, 429s answer batches sent while measuring, on
	 * purpose too fast: they teach nothing.
	 */
	private boolean answersBatchSentWhileMeasuring(BucketAnswer answer) {
		return phase == Phase.PACED
				&& answer.now() - taughtNanos < tuning.staleRoundTrips() * answer.roundTrip() * SECOND;
	}

	/** A 429 after the first one: another full moment. */
	private void fullAgain(BucketAnswer answer) {
		long now = answer.now();
		long accepted = answer.accepted();
		overshot |= phase == Phase.MEASURING && answer.throttled() >= tuning.fullBucketThrottled();
		if (phase == Phase.PACED) {
			log.info("write budget: a 429 while pacing at {} writes/s: watching whether the budget shrank",
					oneDecimal(rate));
		}
		boolean sameStretch = phase != Phase.PACED
				&& (!roomSinceFull || !mayHaveRunEmpty(now, accepted - answer.acceptedNow(), answer.roundTrip()));
		full(now, accepted, !sameStretch);
		if (phase == Phase.PACED) {
			phase = Phase.WATCHING;
		}
		double slope = stretch.span() >= tuning.minSlopeSeconds() ? stretch.slope() : 0;
		lastSlope = slope > 0 ? slope : lastSlope;
		boolean longEnough = stretch.span() >= tuning.minSpanSeconds() && stretch.gained() >= tuning.minSpanWrites()
				&& slope > 0;
		log.debug("write budget: full at {} writes/s; stretch {} ({} s, {} writes, slope {}), {}, 429s {}",
				oneDecimal(rate), sameStretch ? "goes on" : "starts again", oneDecimal(stretch.span()),
				(long) stretch.gained(), oneDecimal(slope), phase, throttledWrites);
		if (longEnough) {
			learned(now, slope);
		}
		else if (phase == Phase.MEASURING) {
			// hold the bucket full: every answer is another full moment
			rate = slope > 0 ? tuning.overshoot() * slope : rate;
			lastRaiseNanos = now;
		}
		else if (sameStretch) {
			// 429s one after another while paced: the figure was high, or the budget
			// shrank; step down while the stretch grows long enough to measure it. A lone
			// 429 between answers with room is Graph throttling below its limits, as it
			// does when loaded: stepping down for each would talk the pace down to a
			// crawl
			rate *= tuning.margin();
		}
		rate = Math.max(tuning.minRate(), rate);
	}

	/**
	 * The bucket is no longer being filled: the rate is below the refill; gets back up to
	 * measure, within bounds: room banked while below the refill delays the next 429, and
	 * the rate would overshoot by far.
	 */
	private void getBackUp(long now, long accepted, double roundTrip) {
		double proven = (accepted - acceptedAtLastFull) / ((now - lastFullNanos) / SECOND + roundTrip);
		double ceiling = Math.min(burstRate, tuning.provenCeiling() * proven);
		if (proven > lastSlope) {
			// more got through than that slope allows: it was noise, unless a climb past
			// it was already answered by a bucket that was full, not by a stray 429
			lastSlope = overshot ? proven : 0;
		}
		if (lastSlope > 0) {
			ceiling = Math.min(ceiling, tuning.rampCeiling() * lastSlope);
		}
		double steps = Math.min(tuning.maxRaiseSteps(), (now - lastRaiseNanos) / (tuning.raiseSeconds() * SECOND));
		double raised = rate * Math.pow(tuning.raiseStep(), steps);
		rate = Math.max(rate, Math.min(ceiling, raised));
		lastRaiseNanos = now;
	}

	/** A stretch long enough to pace by. */
	private void learned(long now, double slope) {
		boolean changed = Math.abs(slope - sustained) > tuning.relearned() * sustained;
		double paced = tuning.margin() * slope;
		if (phase == Phase.MEASURING) {
			log.info(
					"write budget: sustained rate {} writes/s, measured over {} s and {} writes; pacing at {} writes/s "
							+ "({} writes answered 429 so far)",
					oneDecimal(slope), oneDecimal(stretch.span()), (long) stretch.gained(), oneDecimal(paced),
					throttledWrites);
			phase = Phase.PACED;
		}
		else if (changed) {
			log.info(
					"write budget: sustained rate measured again at {} writes/s (was {}); pacing at {} writes/s "
							+ "({} writes answered 429 so far)",
					oneDecimal(slope), oneDecimal(sustained), oneDecimal(paced), throttledWrites);
		}
		sustained = slope;
		taughtNanos = now;
		rate = paced;
	}

	private static String oneDecimal(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	/**
	 * Whether the bucket may have run empty since the last full moment, judged before
	 * this answer's writes.
	 */
	private boolean mayHaveRunEmpty(long now, long acceptedBefore, double roundTrip) {
		// the refill is at most a little above the best figure so far, else below the
		// rate that was just answered 429
		double fastest = sustained > 0 || lastSlope > 0 ? tuning.refillBound() * Math.max(sustained, lastSlope) : rate;
		double capacity = Math.max(BATCH, burstWrites - fastest * burstSeconds);
		// answers arrive up to about a round trip later than Graph judged them
		double gap = Math.max(0, (now - lastFullNanos) / SECOND - roundTrip);
		return fastest * gap - (acceptedBefore - acceptedAtLastFull) >= capacity;
	}

	private void full(long now, long accepted, boolean restart) {
		if (restart) {
			stretch.restart(now, accepted);
		}
		else {
			stretch.add(now, accepted);
		}
		lastFullNanos = now;
		acceptedAtLastFull = accepted;
		roomSinceFull = false;
	}

	/** The pacing rate in writes/s; 0 = not paced (no 429 yet). */
	double rate() {
		return rate;
	}

	/** The learned sustained rate, 0 while unknown. */
	double sustained() {
		return sustained;
	}

	Phase phase() {
		return phase;
	}

}

package io.writebackbatch.graph;

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
 * Phases: unpaced until the first 429 (the burst); then measuring: sending at
 * {@value #OVERSHOOT} × the slope (or ramping up while nothing is throttled), so the
 * bucket stays full and nearly every answer is another full moment, until the stretch
 * spans {@value #MIN_SPAN_SECONDS} s and {@value #MIN_SPAN_WRITES} writes; then paced at
 * {@value #MARGIN} × the learned rate. Once paced, each 429 that follows another without
 * room in between lowers the rate a little (a lone one is Graph throttling below its
 * limits), and the first one (past the answers to batches sent while measuring) starts a
 * new stretch: a budget that shrank mid-run, because another app began writing, is
 * measured again.
 */
final class FullBucketRate {

	static final double MARGIN = 0.98;

	static final double OVERSHOOT = 1.1;

	static final double MIN_SPAN_SECONDS = 2.0;

	static final int MIN_SPAN_WRITES = 120;

	private static final double SECOND = 1e9;

	/** A slope over less than this is too rough to pace by. */
	private static final double MIN_SLOPE_SECONDS = 0.2;

	private static final int BATCH = 20;

	/** A figure measured again is worth a log line when it moved by more than this. */
	private static final double RELEARNED = 0.05;

	private static final Logger log = LoggerFactory.getLogger(FullBucketRate.class);

	/** How far above a measured slope getting back up may go. */
	private static final double RAMP_CEILING = 1.25;

	/**
	 * How far above what got through since the bucket was last full getting back up may
	 * go: the refill is at least that, and room banked while below it delays the next
	 * 429.
	 */
	private static final double PROVEN_CEILING = 2;

	private final FullMoments stretch = new FullMoments();

	private int staleWrites;

	private boolean measuring;

	/**
	 * The stretch that taught the paced rate is over: the next 429 starts a new one (the
	 * budget may have shrunk since, when another app began writing).
	 */
	private boolean taught;

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

	/** The slope of the latest stretch long enough to have one; 0 before. */
	private double lastSlope;

	private double sustained;

	private double rate;

	/** Writes answered 429 in this run, for the log. */
	private long throttledWrites;

	void onAnswer(BucketAnswer answer) {
		long now = answer.now();
		long accepted = answer.accepted();
		throttledWrites += answer.throttled();
		if (staleWrites > 0) {
			// answers to batches sent at the burst's pace, before the first 429: the
			// bucket is still full when the last of them comes back, which is where the
			// first stretch starts
			staleWrites = Math.min(staleWrites, answer.inFlight());
			if (staleWrites == 0) {
				full(now, accepted, true);
			}
			return;
		}
		if (!answer.wasThrottled()) {
			roomSinceFull = true;
			if (measuring && now - lastFullNanos > Math.max(SECOND / 2, 2 * BATCH / rate * SECOND)
					&& now - lastRaiseNanos > SECOND / 4) {
				getBackUp(now, accepted, answer.roundTrip());
			}
			return;
		}
		if (rate == 0) {
			measuring = true;
			staleWrites = answer.inFlight();
			burstWrites = accepted;
			burstSeconds = answer.sinceStart();
			burstRate = Math.max(1, answer.recentRate());
			// the burst went through at recentRate, which the refill is below: start well
			// under it
			rate = Math.max(1, burstRate / 8);
			full(now, accepted, true);
			lastRaiseNanos = now;
			log.info(
					"write budget: the first 429 came after {} writes in {} s ({} writes/s), with {} writes in flight; "
							+ "measuring the sustained rate",
					accepted, oneDecimal(burstSeconds), oneDecimal(burstRate), answer.inFlight());
			return;
		}
		if (taught && now - taughtNanos < 2 * answer.roundTrip() * SECOND) {
			return; // an answer to a batch sent while measuring, on purpose too fast
		}
		if (taught) {
			log.info("write budget: a 429 while pacing at {} writes/s: watching whether the budget shrank",
					oneDecimal(rate));
		}
		boolean sameStretch = !taught
				&& (!roomSinceFull || !mayHaveRunEmpty(now, accepted - answer.acceptedNow(), answer.roundTrip()));
		full(now, accepted, !sameStretch);
		taught = false;
		double slope = stretch.span() >= MIN_SLOPE_SECONDS ? stretch.slope() : 0;
		lastSlope = slope > 0 ? slope : lastSlope;
		boolean longEnough = stretch.span() >= MIN_SPAN_SECONDS && stretch.gained() >= MIN_SPAN_WRITES && slope > 0;
		log.debug("write budget: full at {} writes/s; stretch {} ({} s, {} writes, slope {}), measuring {}, 429s {}",
				oneDecimal(rate), sameStretch ? "goes on" : "starts again", oneDecimal(stretch.span()),
				(long) stretch.gained(), oneDecimal(slope), measuring, throttledWrites);
		if (longEnough) {
			learned(now, slope);
		}
		else if (measuring) {
			// hold the bucket full: every answer is another full moment
			rate = slope > 0 ? OVERSHOOT * slope : rate;
			lastRaiseNanos = now;
		}
		else if (sameStretch) {
			// 429s one after another while paced: the figure was high, or the budget
			// shrank; step down while the stretch grows long enough to measure it. A lone
			// 429 between answers with room is Graph throttling below its limits, as it
			// does when loaded: stepping down for each would talk the pace down to a
			// crawl
			rate *= MARGIN;
		}
		rate = Math.max(1, rate);
	}

	/**
	 * The bucket is no longer being filled: the rate is below the refill; gets back up to
	 * measure, within bounds: room banked while below the refill delays the next 429, and
	 * the rate would overshoot by far.
	 */
	private void getBackUp(long now, long accepted, double roundTrip) {
		double proven = (accepted - acceptedAtLastFull) / ((now - lastFullNanos) / SECOND + roundTrip);
		double ceiling = Math.min(burstRate, PROVEN_CEILING * proven);
		if (proven > lastSlope) {
			lastSlope = 0; // more got through than that slope allows: it was noise
		}
		if (lastSlope > 0) {
			ceiling = Math.min(ceiling, RAMP_CEILING * lastSlope);
		}
		double raised = rate * Math.pow(1.25, Math.min(4, (now - lastRaiseNanos) / (SECOND / 4)));
		rate = Math.max(rate, Math.min(ceiling, raised));
		lastRaiseNanos = now;
	}

	/** A stretch long enough to pace by. */
	private void learned(long now, double slope) {
		boolean changed = Math.abs(slope - sustained) > RELEARNED * sustained;
		if (measuring) {
			log.info(
					"write budget: sustained rate {} writes/s, measured over {} s and {} writes; pacing at {} writes/s "
							+ "({} writes answered 429 so far)",
					oneDecimal(slope), oneDecimal(stretch.span()), (long) stretch.gained(), oneDecimal(MARGIN * slope),
					throttledWrites);
		}
		else if (changed) {
			log.info(
					"write budget: sustained rate measured again at {} writes/s (was {}); pacing at {} writes/s "
							+ "({} writes answered 429 so far)",
					oneDecimal(slope), oneDecimal(sustained), oneDecimal(MARGIN * slope), throttledWrites);
		}
		sustained = slope;
		taught = measuring;
		taughtNanos = now;
		measuring = false;
		rate = MARGIN * sustained;
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
		double fastest = sustained > 0 || lastSlope > 0 ? 1.1 * Math.max(sustained, lastSlope) : rate;
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

	/**
	 * While measuring the bucket is held full on purpose: no room is left after a 429.
	 */
	boolean measuring() {
		return measuring;
	}

}

package io.writebackbatch.graph.pacing;

/**
 * Where the pacer is in learning a write budget. Only a 429 moves it forward: a gauge
 * reading is a hint that can slow the slow start, never a licence to send more.
 *
 * <pre>
 * SLOW_START --first 429--> SETTLING --burst answered--> MEASURING --stretch long enough,
 *     or the time or count bound--> PACED --a 429 past the stale answers--> WATCHING
 * </pre>
 */
public enum Phase {

	/**
	 * No 429 yet (the burst): nothing is paced by rate, but the writes in flight start at
	 * one batch and grow with every clean answer, so the first 429 costs little.
	 */
	SLOW_START,

	/**
	 * The first 429 came: the batches sent at the burst's pace are still being answered
	 * and nothing more is sent (each would be answered 429 too); the bucket is full when
	 * the last of them comes back, where measuring starts, at what they got through.
	 */
	SETTLING,

	/**
	 * Sending a little above the refill on purpose, so the bucket stays full and every
	 * 429 is a full moment; the slope of accepted writes over them is the sustained rate.
	 * Bounded in time and in 429s.
	 */
	MEASURING,

	/**
	 * Paced just under the measured rate; 429s answering batches sent while measuring are
	 * ignored.
	 */
	PACED,

	/**
	 * Paced, and a 429 came since: the budget may have shrunk (another app writes). 429s
	 * in a row step the rate down; a stretch of them long enough measures it again.
	 */
	WATCHING;

	/** Whether the bucket is held full on purpose: no room is left after a 429. */
	boolean holdsTheBucketFull() {
		return this == SETTLING || this == MEASURING;
	}

}

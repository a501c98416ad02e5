package io.writebackbatch.simulator;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The last second's charges, for the share refused that Graph's gauge reports above 1.0
 * ({@link GaugeReading#GRAPH_RANGE}). Not thread-safe: the {@link Throttler} holds its
 * lock.
 */
final class RecentCharges {

	private static final long SECOND = 1_000_000_000L;

	/** (nanos, refused ? 1 : 0) of each charge within the last second. */
	private final Deque<long[]> charges = new ArrayDeque<>();

	private int refused;

	void add(long now, boolean wasRefused) {
		charges.addLast(new long[] { now, wasRefused ? 1 : 0 });
		refused += wasRefused ? 1 : 0;
		while (!charges.isEmpty() && now - charges.peekFirst()[0] > SECOND) {
			refused -= (int) charges.removeFirst()[1];
		}
	}

	double refusedShare() {
		return charges.isEmpty() ? 0 : refused / (double) charges.size();
	}

}

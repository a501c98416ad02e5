package io.writebackbatch.graph;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Spaces writes so the run settles just under the tenant's write budget without being told the numbers. Until
 * Graph first throttles, only the optional ceiling applies. On throttling the rate drops to what actually got
 * through lately (times 0.9, then 0.8 per further throttled second); while nothing is throttled it creeps up by
 * 2% per second, so it keeps probing the budget from just below.
 */
final class WritePacer {

	private static final long SECOND = 1_000_000_000L;

	private static final long WINDOW = 3 * SECOND;

	private final double ceiling;

	private double learnedRate;

	private long nextFreeNanos = System.nanoTime();

	private long lastDecreaseNanos;

	private long lastIncreaseNanos = System.nanoTime();

	private final Deque<long[]> recentSuccesses = new ArrayDeque<>();

	WritePacer(double writesPerSecondCeiling) {
		this.ceiling = writesPerSecondCeiling;
	}

	/** Waits for the right to send {@code writes} writes. */
	void acquire(int writes) throws InterruptedException {
		long wait = reserve(writes);
		if (wait > 0) {
			Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
		}
	}

	private synchronized long reserve(int writes) {
		double rate = currentRate();
		long now = System.nanoTime();
		if (rate <= 0) {
			return 0;
		}
		long start = Math.max(now, nextFreeNanos);
		nextFreeNanos = start + (long) (writes / rate * SECOND);
		return start - now;
	}

	synchronized void onResult(int succeeded, int throttled) {
		long now = System.nanoTime();
		recentSuccesses.addLast(new long[] { now, succeeded });
		while (!recentSuccesses.isEmpty() && now - recentSuccesses.peekFirst()[0] > WINDOW) {
			recentSuccesses.removeFirst();
		}
		if (throttled > 0) {
			if (now - lastDecreaseNanos > SECOND) {
				double observed = recentSuccesses.stream().mapToLong(s -> s[1]).sum() / (WINDOW / (double) SECOND);
				learnedRate = learnedRate == 0 ? Math.max(1, observed * 0.9)
						: Math.max(1, Math.min(learnedRate * 0.8, Math.max(observed, 1)));
				lastDecreaseNanos = now;
				lastIncreaseNanos = now;
			}
		}
		else if (learnedRate > 0 && now - lastIncreaseNanos > SECOND) {
			learnedRate *= 1.02;
			lastIncreaseNanos = now;
		}
	}

	synchronized double currentRate() {
		if (learnedRate > 0 && ceiling > 0) {
			return Math.min(learnedRate, ceiling);
		}
		return Math.max(learnedRate, ceiling);
	}
}

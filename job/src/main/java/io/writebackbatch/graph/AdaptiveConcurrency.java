package io.writebackbatch.graph;

/**
 * How many {@code $batch} requests may be in flight: grows by one after every 8
 * unthrottled batches up to the configured maximum, halves when a batch is throttled
 * (additive increase, multiplicative decrease).
 */
final class AdaptiveConcurrency {

	private final int max;

	private int limit;

	private int inFlight;

	private int cleanBatches;

	AdaptiveConcurrency(int max) {
		this.max = max;
		this.limit = max;
	}

	synchronized void acquire() throws InterruptedException {
		while (inFlight >= limit) {
			wait();
		}
		inFlight++;
	}

	synchronized void release(boolean throttled) {
		inFlight--;
		if (throttled) {
			limit = Math.max(1, limit / 2);
			cleanBatches = 0;
		}
		else if (++cleanBatches >= 8 && limit < max) {
			limit++;
			cleanBatches = 0;
		}
		notifyAll();
	}

	synchronized int limit() {
		return limit;
	}

}

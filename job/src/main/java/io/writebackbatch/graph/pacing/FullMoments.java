package io.writebackbatch.graph.pacing;

/**
 * A stretch of full moments of a write budget (each a 429: the bucket was full) since it
 * last may have run empty: (seconds, accepted writes) from its first moment, and their
 * least-squares slope, which is the sustained rate while the stretch holds.
 */
final class FullMoments {

	private static final double SECOND = 1e9;

	private long originNanos;

	private long originAccepted;

	private int n;

	private double sx;

	private double sy;

	private double sxx;

	private double sxy;

	private double span;

	private double gained;

	void restart(long now, long accepted) {
		originNanos = now;
		originAccepted = accepted;
		n = 0;
		sx = sy = sxx = sxy = 0;
		add(now, accepted);
	}

	void add(long now, long accepted) {
		double x = (now - originNanos) / SECOND;
		double y = accepted - originAccepted;
		n++;
		sx += x;
		sy += y;
		sxx += x * x;
		sxy += x * y;
		span = x;
		gained = y;
	}

	double slope() {
		double d = n * sxx - sx * sx;
		return n < 2 || d <= 0 ? 0 : (n * sxy - sx * sy) / d;
	}

	double span() {
		return span;
	}

	double gained() {
		return gained;
	}

}

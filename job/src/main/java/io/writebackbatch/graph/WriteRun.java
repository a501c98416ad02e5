package io.writebackbatch.graph;

import io.writebackbatch.failure.FailureKind;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The shared state of one {@link GroupBatchUpdater#apply} call: the first failure (which
 * stops every worker and cancels the calls in flight) and when Graph last confirmed
 * anything (a run that makes no progress stops).
 */
final class WriteRun {

	private final AtomicReference<Throwable> failure = new AtomicReference<>();

	private final AtomicLong lastProgressNanos = new AtomicLong(System.nanoTime());

	private final Duration noProgressTimeout;

	private final Runnable cancelCalls;

	WriteRun(Duration noProgressTimeout, Runnable cancelCalls) {
		this.noProgressTimeout = noProgressTimeout;
		this.cancelCalls = cancelCalls;
	}

	boolean stopped() {
		return failure.get() != null;
	}

	void fail(Throwable cause) {
		if (failure.compareAndSet(null, cause)) {
			cancelCalls.run();
		}
	}

	void progressed() {
		lastProgressNanos.set(System.nanoTime());
	}

	/**
	 * Whether the run is stopping, stopping it first when Graph confirmed nothing for the
	 * no-progress timeout: what every wait checks, so that no wait (a Retry-After longer
	 * than the timeout) holds a stalled run past it.
	 */
	boolean stoppedOrStalled() {
		checkProgress();
		return stopped();
	}

	/** Stops the run when Graph confirmed nothing for the no-progress timeout. */
	private void checkProgress() {
		long idle = System.nanoTime() - lastProgressNanos.get();
		if (idle > noProgressTimeout.toNanos()) {
			fail(new GraphAccessException(FailureKind.TRANSIENT,
					"Graph confirmed no change for " + Duration.ofNanos(idle).toSeconds()
							+ " s (writeback.graph.batch.no-progress-timeout=" + noProgressTimeout
							+ "): it keeps throttling, failing or not answering; run 'resume' later"));
		}
	}

	void throwIfFailed() {
		Throwable cause = failure.get();
		if (cause == null) {
			return;
		}
		if (cause instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (cause instanceof Error error) {
			throw error;
		}
		throw new GraphAccessException(FailureKind.TRANSIENT, cause.toString(), cause);
	}

}

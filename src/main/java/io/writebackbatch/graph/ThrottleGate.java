package io.writebackbatch.graph;

import java.time.Duration;

/**
 * One throttle state per run: once Graph tells any request to wait, every new request waits too, instead of
 * piling up more 429s (Graph keeps counting usage while a client is throttled).
 */
public final class ThrottleGate {

	private long blockedUntilNanos = System.nanoTime();

	/** Blocks new requests for at least {@code wait} from now. */
	public synchronized void block(Duration wait) {
		long until = System.nanoTime() + wait.toNanos();
		if (until - blockedUntilNanos > 0) {
			blockedUntilNanos = until;
		}
	}

	/** Waits until the gate is open. */
	public void awaitOpen() throws InterruptedException {
		while (true) {
			long remaining;
			synchronized (this) {
				remaining = blockedUntilNanos - System.nanoTime();
			}
			if (remaining <= 0) {
				return;
			}
			Thread.sleep(Math.max(1, remaining / 1_000_000), (int) (remaining % 1_000_000));
		}
	}

	/** Parses Graph's Retry-After: decimal seconds (e.g. {@code 2.128}); absent or unparseable gives null. */
	public static Duration parseRetryAfter(String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		try {
			double seconds = Double.parseDouble(header.strip());
			return seconds > 0 && Double.isFinite(seconds) ? Duration.ofNanos((long) (seconds * 1e9)) : null;
		}
		catch (NumberFormatException e) {
			return null; // an HTTP-date form: Graph sends seconds; treat as absent and back off exponentially
		}
	}
}

package io.writebackbatch.graph;

import io.writebackbatch.graph.gateway.RetryAfter;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * One throttle state per run: once Graph tells any request to wait, every new request
 * waits too, instead of piling up more 429s (Graph keeps counting usage while a client is
 * throttled). No wait is longer than the configured max-retry-wait, whatever Retry-After
 * said.
 */
public final class ThrottleGate {

	private final Duration maxWait;

	private long blockedUntilNanos = System.nanoTime();

	public ThrottleGate(Duration maxWait) {
		this.maxWait = maxWait;
	}

	/**
	 * Blocks new requests for {@code wait} from now, at most max-retry-wait; returns the
	 * wait it applied.
	 */
	public synchronized Duration block(Duration wait) {
		Duration capped = RetryAfter.capped(wait, maxWait);
		long until = System.nanoTime() + capped.toNanos();
		if (until - blockedUntilNanos > 0) {
			blockedUntilNanos = until;
		}
		return capped;
	}

	/** Waits until the gate is open. */
	public void awaitOpen() throws InterruptedException {
		awaitOpen(() -> false);
	}

	/**
	 * Waits until the gate is open or {@code stop} says so (checked every second); false
	 * when stopped.
	 */
	public boolean awaitOpen(BooleanSupplier stop) throws InterruptedException {
		return Pause.until(this::remaining, "Graph's throttling window (Retry-After)", stop);
	}

	private synchronized Duration remaining() {
		return Duration.ofNanos(Math.max(0, blockedUntilNanos - System.nanoTime()));
	}

	/**
	 * Graph's Retry-After (RFC 9110: seconds, fractions, HTTP-date); absent or unreadable
	 * gives null.
	 */
	public static @Nullable Duration parseRetryAfter(@Nullable String header) {
		return RetryAfter.parse(header, Instant.now()).orElse(null);
	}

}

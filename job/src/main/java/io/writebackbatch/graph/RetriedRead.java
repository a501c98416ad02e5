package io.writebackbatch.graph;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Graph read until it succeeds, fails for good, or its deadline passes. Kiota's
 * RetryHandler already retries 429/503/504 inside each attempt; this adds what it does
 * not retry (a gateway's 502 or 500, a reset connection, an unreadable page), with
 * exponential backoff capped by {@code max-retry-wait}, and one log line per retry.
 */
final class RetriedRead {

	private static final Logger log = LoggerFactory.getLogger(RetriedRead.class);

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

	private final int maxAttempts;

	private final Duration maxWait;

	private final Duration deadline;

	RetriedRead(GraphProperties properties, GraphCallProperties call) {
		this.maxAttempts = Math.max(1, properties.maxRetries());
		this.maxWait = properties.maxRetryWait();
		this.deadline = call.deadline();
	}

	<T> T call(String doing, Supplier<T> read) {
		long startNanos = System.nanoTime();
		for (int attempt = 1;; attempt++) {
			try {
				return read.get();
			}
			catch (RuntimeException e) {
				GraphAccessException failure = GraphErrors.translate(e, doing);
				Duration wait = backoff(attempt);
				Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
				if (!GraphErrors.worthRetrying(failure) || attempt >= maxAttempts
						|| elapsed.plus(wait).compareTo(deadline) > 0) {
					throw failure;
				}
				log.warn("{} failed (attempt {} of {}): {}; retrying in {} ms", doing, attempt, maxAttempts,
						failure.getMessage(), wait.toMillis());
				sleep(wait, failure);
			}
		}
	}

	private Duration backoff(int attempt) {
		long base = FIRST_BACKOFF.toMillis() << Math.min(attempt - 1, 10);
		Duration wait = Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 4 + 1));
		return wait.compareTo(maxWait) > 0 ? maxWait : wait;
	}

	private static void sleep(Duration wait, GraphAccessException failure) {
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw failure;
		}
	}

}

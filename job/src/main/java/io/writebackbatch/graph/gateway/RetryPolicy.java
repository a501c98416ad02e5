package io.writebackbatch.graph.gateway;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.writebackbatch.graph.GraphProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one retry policy for every Graph request, single or batched: at most
 * {@code max-retries} more attempts; after Graph's {@code Retry-After} when it gave a
 * positive one (capped at {@code max-retry-wait}), else an exponential backoff with
 * jitter (capped too: without it a Retry-After of 0 would spend every retry within a
 * second); one log line per retry naming x-ms-throttle-scope and
 * x-ms-throttle-information when Graph sent them.
 */
public final class RetryPolicy {

	private static final Logger log = LoggerFactory.getLogger(RetryPolicy.class);

	private static final Duration BASE_BACKOFF = Duration.ofMillis(500);

	private final int maxAttempts;

	private final Duration maxWait;

	public RetryPolicy(GraphProperties properties) {
		this.maxAttempts = Math.max(1, properties.maxRetries() + 1);
		this.maxWait = properties.maxRetryWait();
	}

	/** Attempts in all, the first included. */
	public int maxAttempts() {
		return maxAttempts;
	}

	/**
	 * How long to wait before attempt {@code attempt + 1} after {@code answer}: its
	 * Retry-After if positive, else the backoff; never more than max-retry-wait.
	 */
	public Duration waitAfter(GraphAnswer answer, int attempt) {
		Duration retryAfter = answer.retryAfter();
		return retryAfter != null && !retryAfter.isZero() ? RetryAfter.capped(retryAfter, maxWait) : backoff(attempt);
	}

	/** The backoff before attempt {@code attempt + 1}, capped at max-retry-wait. */
	public Duration backoff(int attempt) {
		long base = BASE_BACKOFF.toMillis() << Math.min(Math.max(attempt, 1) - 1, 8);
		Duration wait = Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 2 + 1));
		return RetryAfter.capped(wait, maxWait);
	}

	/** The one log line of a retry. */
	public void logRetry(String what, int attempt, GraphAnswer answer, Duration wait) {
		log.warn("{} got {}{} (attempt {} of {}); sending it again in {} ms", what, answer.describe(),
				answer.throttling().describe(), attempt, maxAttempts, wait.toMillis());
	}

}

package io.writebackbatch.graph;

import io.writebackbatch.graph.gateway.BatchReply;
import io.writebackbatch.graph.gateway.GraphAnswer;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long a batch waits before it is sent again: Graph's {@code Retry-After}, which
 * holds every request of the run ({@link ThrottleGate}), and a backoff of its own when
 * Graph gave no usable one or refused the batch as a whole.
 */
final class RetryWait {

	private static final Logger log = LoggerFactory.getLogger(RetryWait.class);

	private final GraphConnection connection;

	RetryWait(GraphConnection connection) {
		this.connection = connection;
	}

	/**
	 * Waits before the next attempt: Graph's Retry-After for everyone, and a backoff for
	 * this batch when there was no usable Retry-After or the batch was refused as a
	 * whole.
	 */
	boolean before(BatchReply reply, int attempt, WriteRun run) throws InterruptedException {
		Duration retryAfter = reply.longestRetryAfter();
		GraphAnswer envelope = reply.envelope();
		boolean refusedWhole = reply.refusedWhole();
		if (refusedWhole) {
			log.info("a batch of {} updates got no answer ({}); sending it again (attempt {})", reply.steps().size(),
					envelope.describe(), attempt + 1);
		}
		if (retryAfter != null && !retryAfter.isZero()) {
			// Graph asked to wait: every request of the run waits, or the others would
			// pile up more 429s
			connection.gate().block(retryAfter);
			if (!connection.gate().awaitOpen(run::stoppedOrStalled)) {
				return false;
			}
			if (!refusedWhole) {
				return true; // throttled steps: the pacer spaces what is sent next
			}
		}
		// no Retry-After, an unreadable or a zero one (0, negative, a date past), or a
		// batch refused as a whole, which teaches the pacer nothing: without this backoff
		// a Retry-After of 0 or 1 ms would spend every retry within a second
		Duration wait = connection.gateway().retries().backoff(attempt);
		return Pause.sleep(wait, "a retry of " + reply.steps().size() + " unanswered updates", run::stoppedOrStalled);
	}

}

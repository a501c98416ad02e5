package io.writebackbatch.graph;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sits after the SDK's own middleware (so it sees every retry): waits at the shared
 * {@link ThrottleGate}, marks requests with {@code x-ms-throttle-priority}, and feeds
 * envelope-level throttling back into the gate and metrics.
 */
final class GraphTrafficInterceptor implements Interceptor {

	private final ThrottleGate gate;

	private final String priority;

	private final Counter requests;

	/** Read once a second by the report's apply timeline. */
	static final String IN_FLIGHT_GAUGE = "writeback.graph.requests.inflight";

	private final Counter throttled;

	private final AtomicInteger inFlight = new AtomicInteger();

	GraphTrafficInterceptor(ThrottleGate gate, String priority, MeterRegistry meters) {
		this.gate = gate;
		this.priority = priority;
		this.requests = meters.counter("writeback.graph.requests");
		this.throttled = meters.counter("writeback.graph.throttled", "level", "request");
		Gauge.builder(IN_FLIGHT_GAUGE, inFlight, AtomicInteger::get)
			.description("Graph requests sent and not yet answered ($batch envelopes while applying)")
			.register(meters);
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		try {
			gate.awaitOpen();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while waiting for Graph's throttling window");
		}
		Request request = chain.request().newBuilder().header("x-ms-throttle-priority", priority).build();
		requests.increment();
		inFlight.incrementAndGet();
		Response response;
		try {
			response = chain.proceed(request);
		}
		finally {
			inFlight.decrementAndGet();
		}
		if (response.code() == 429 || response.code() == 503) {
			if (response.code() == 429) {
				throttled.increment();
			}
			return withRetryAfterCapped(response);
		}
		return response;
	}

	/**
	 * Blocks the gate for the answer's {@code Retry-After}, capped by max-retry-wait, and
	 * hands the SDK's RetryHandler (outside this interceptor) the capped value: it
	 * honours the header itself, up to 180 s a retry, so a listing page answered
	 * "Retry-After: 99999999999" waited minutes. An unreadable header is left as it is:
	 * the handler then retries within milliseconds (its exponential backoff, the
	 * alternative, is not capped by max-retry-wait), and the job's own retry of the read
	 * backs off, capped, after that.
	 */
	private Response withRetryAfterCapped(Response response) {
		Duration wait = ThrottleGate.parseRetryAfter(response.header("Retry-After"));
		if (wait == null) {
			return response;
		}
		Duration capped = gate.block(wait);
		return response.newBuilder()
			.header("Retry-After", String.format(java.util.Locale.ROOT, "%.3f", capped.toMillis() / 1000.0))
			.build();
	}

}

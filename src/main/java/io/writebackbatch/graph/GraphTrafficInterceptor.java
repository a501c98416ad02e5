package io.writebackbatch.graph;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sits after the SDK's own middleware (so it sees every retry): waits at the shared {@link ThrottleGate}, marks
 * requests with {@code x-ms-throttle-priority}, and feeds envelope-level throttling back into the gate and metrics.
 */
final class GraphTrafficInterceptor implements Interceptor {

	private final ThrottleGate gate;

	private final String priority;

	private final Counter requests;

	private final Counter throttled;

	GraphTrafficInterceptor(ThrottleGate gate, String priority, MeterRegistry meters) {
		this.gate = gate;
		this.priority = priority;
		this.requests = meters.counter("writeback.graph.requests");
		this.throttled = meters.counter("writeback.graph.throttled", "level", "request");
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
		Response response = chain.proceed(request);
		if (response.code() == 429 || response.code() == 503) {
			if (response.code() == 429) {
				throttled.increment();
			}
			Duration wait = ThrottleGate.parseRetryAfter(response.header("Retry-After"));
			if (wait != null) {
				gate.block(wait);
			}
		}
		return response;
	}
}

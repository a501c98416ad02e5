package io.writebackbatch.graph.gateway;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import okhttp3.Call;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts one {@code $batch} (GETs or PATCHes) through the {@link GraphGateway} and returns
 * Graph's answer judged step by step ({@link BatchReply}), never an exception for
 * anything Graph or a gateway may send. Writes and reads by id share it.
 *
 * <p>
 * The envelope is built here, not with the SDK's BatchRequestContent, and its answer read
 * here, not with BatchResponseContent: the SDK cuts a fixed 5 characters off each step
 * URL, does not copy per-request headers into steps, raises nothing for a non-2xx
 * envelope and throws Gson's exceptions on an HTML one. Per-request headers go into each
 * step, where Graph reads them. A 401 asks the credential for a new token once per batch
 * ({@link AccessTokens}). Each call has a deadline and can be cancelled.
 */
public final class BatchPoster {

	private final GraphGateway gateway;

	private final Duration callTimeout;

	private final JsonMapper json = JsonMapper.builder().build();

	private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();

	BatchPoster(GraphGateway gateway, Duration callTimeout) {
		this.gateway = gateway;
		this.callTimeout = callTimeout;
	}

	/** The steps to GET these groups by id (with the job's $select). */
	public List<BatchStep> readGroups(List<String> groupIds) {
		return groupIds.stream()
			.map(id -> new BatchStep(id, "GET", gateway.requests().groupByIdStep(id), null))
			.toList();
	}

	/**
	 * Sends the steps as "1".."n" in one envelope; the reply's steps are keyed by each
	 * step's key.
	 */
	public BatchReply post(Route route, List<BatchStep> batch) {
		Map<String, String> keyByStep = new LinkedHashMap<>();
		ArrayNode steps = json.createArrayNode();
		for (BatchStep step : batch) {
			String id = Integer.toString(keyByStep.size() + 1);
			keyByStep.put(id, step.key());
			ObjectNode request = steps.addObject();
			request.put("id", id);
			request.put("method", step.method());
			request.put("url", step.url());
			ObjectNode headers = request.putObject("headers");
			// per-request headers belong in each step: Graph reads x-ms-throttle-priority
			// there, not on the envelope
			headers.put("x-ms-throttle-priority", gateway.properties().throttlePriority());
			if (step.body() != null) {
				headers.put("Content-Type", "application/json");
				request.set("body", step.body());
			}
		}
		ObjectNode envelope = json.createObjectNode();
		envelope.set("requests", steps);
		GraphCall call = new GraphCall(route, "POST", gateway.requests().batch(), Map.of(),
				json.writeValueAsString(envelope), route.doing());
		return send(call, keyByStep.keySet(), null).rekeyed(keyByStep);
	}

	/** Cancels every call in flight: their callers get "no answer" at once. */
	public void cancelAll() {
		inFlight.forEach(Call::cancel);
	}

	private BatchReply send(GraphCall call, Set<String> steps, @Nullable String token) {
		GraphGateway.Exchange exchange = gateway.exchange(call, token, callTimeout, inFlight);
		if (exchange.failure() != null) {
			return BatchReply.unanswered(steps,
					exchange.judged().unanswered("no answer to the batch: " + exchange.failure().getMessage()));
		}
		BatchReply reply = BatchReply.read(exchange.status(), exchange.headers()::get, exchange.body(), steps);
		GraphAnswer refusal = reply.firstTokenRefusal();
		if (token == null && refusal.verdict() == GraphAnswer.Verdict.TOKEN_REFUSED) {
			String fresh = gateway.tokens()
				.renew(call.uri(), exchange.token(), exchange.headers().get("WWW-Authenticate"), refusal, call.doing());
			return send(call, steps, fresh);
		}
		return reply;
	}

}

package io.writebackbatch.graph;

import io.writebackbatch.domain.Writeback;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.microsoft.kiota.HttpMethod;
import com.microsoft.kiota.RequestAdapter;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import okhttp3.Call;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts one {@code $batch} of writebackConfiguration PATCHes and returns Graph's answer
 * judged step by step ({@link BatchReply}), never an exception for anything Graph or a
 * gateway may send.
 *
 * <p>
 * The envelope is built here, not with the SDK's BatchRequestContent, and its answer read
 * here, not with BatchResponseContent: the SDK cuts a fixed 5 characters off each step
 * URL, does not copy per-request headers into steps, raises nothing for a non-2xx
 * envelope and throws Gson's exceptions on an HTML one. The request still goes through
 * the SDK's request adapter (authentication) and HTTP client (middleware, throttle gate),
 * with the SDK's own retry switched off: these retries are judged per step by the caller.
 * Each call has a deadline and can be cancelled.
 */
final class BatchPoster {

	/**
	 * A $batch answer of 20 steps is a few kB; anything far larger is not an answer to
	 * read.
	 */
	private static final long MAX_ANSWER_BYTES = 4L << 20;

	private final GraphConnection connection;

	private final Duration callTimeout;

	private final JsonMapper json = JsonMapper.builder().build();

	private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();

	BatchPoster(GraphConnection connection, Duration callTimeout) {
		this.connection = connection;
		this.callTimeout = callTimeout;
	}

	/** Sends the patches as steps "1".."n"; the reply's steps are keyed by group id. */
	BatchReply post(List<GroupPatch> patches) {
		Map<String, String> groupByStep = new LinkedHashMap<>();
		ArrayNode steps = json.createArrayNode();
		for (GroupPatch patch : patches) {
			String step = Integer.toString(groupByStep.size() + 1);
			groupByStep.put(step, patch.groupId());
			ObjectNode request = steps.addObject();
			request.put("id", step);
			request.put("method", "PATCH");
			request.put("url", "/groups/" + patch.groupId());
			ObjectNode headers = request.putObject("headers");
			headers.put("Content-Type", "application/json");
			// per-request headers belong in each step: Graph reads x-ms-throttle-priority
			// there, not on the envelope
			headers.put("x-ms-throttle-priority", connection.properties().throttlePriority());
			request.set("body", body(patch.target()));
		}
		ObjectNode envelope = json.createObjectNode();
		envelope.set("requests", steps);
		BatchReply reply = send(json.writeValueAsBytes(envelope), groupByStep.keySet());
		Map<String, GraphAnswer> byGroup = new LinkedHashMap<>();
		reply.steps().forEach((step, answer) -> byGroup.put(groupByStep.get(step), answer));
		return new BatchReply(reply.envelope(), byGroup, reply.strangers());
	}

	/** Cancels every call in flight: their callers get "no answer" at once. */
	void cancelAll() {
		inFlight.forEach(Call::cancel);
	}

	private BatchReply send(byte[] envelope, Set<String> steps) {
		Call call = connection.http().newCall(request(envelope));
		call.timeout().timeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
		inFlight.add(call);
		try (Response response = call.execute()) {
			ResponseBody body = response.body();
			String text = body == null ? null : response.peekBody(MAX_ANSWER_BYTES).string();
			return BatchReply.read(response.code(), response::header, text, steps);
		}
		catch (IOException e) {
			String why = e instanceof InterruptedIOException
					? "no answer within the deadline of " + callTimeout.toSeconds() + " s"
					: call.isCanceled() ? "the call was cancelled (the run is stopping)"
							: e.getClass().getSimpleName() + " " + e.getMessage();
			return BatchReply.unanswered(steps, GraphAnswer.none("no answer to the batch: " + why));
		}
		finally {
			inFlight.remove(call);
		}
	}

	private Request request(byte[] envelope) {
		RequestAdapter adapter = connection.client().getRequestAdapter();
		RequestInformation info = new RequestInformation();
		info.httpMethod = HttpMethod.POST;
		info.urlTemplate = "{+baseurl}/$batch";
		info.pathParameters.put("baseurl", adapter.getBaseUrl());
		info.headers.add("Accept", "application/json");
		info.setStreamContent(new ByteArrayInputStream(envelope), "application/json");
		info.addRequestOptions(List.of(new RetryHandlerOption(null, 0, 0)));
		return adapter.convertToNativeRequest(info);
	}

	private ObjectNode body(Writeback target) {
		ObjectNode body = json.createObjectNode();
		ObjectNode configuration = body.putObject("writebackConfiguration");
		if (target.isEnabled() != null) {
			configuration.put("isEnabled", target.isEnabled());
		}
		if (target.onPremisesGroupType() != null) {
			configuration.put("onPremisesGroupType", target.onPremisesGroupType());
		}
		return body;
	}

}

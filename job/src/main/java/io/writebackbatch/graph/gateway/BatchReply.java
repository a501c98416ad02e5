package io.writebackbatch.graph.gateway;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code $batch} answer read step by step. The {@code responses} array is read whatever
 * the envelope's status: Graph's throttling page says a batch whose steps were throttled
 * "fails with a status code of 424" and carries each step's 429 and Retry-After in its
 * body (the batching page says 200), so a 424 (or any status) that carries step answers
 * is judged step by step. Only an envelope without a readable array is judged as a whole
 * (HTML, empty, truncated: "no answer"; 401, 403 as they are). A step that is missing,
 * answered twice, without a usable status or otherwise unreadable is "no answer" (sent
 * again), never an exception; answers for ids that were never sent are counted and
 * ignored. Only a 2xx step counts as confirmed.
 *
 * @param envelope the envelope's own verdict
 * @param steps one verdict per step id that was sent
 * @param bodies the body of each confirmed step (JSON text), for reads
 * @param strangers answers for ids that were never sent
 * @param judgedWhole true when the envelope's verdict was given to every step (no step
 * answers could be read)
 */
public record BatchReply(GraphAnswer envelope, Map<String, GraphAnswer> steps, Map<String, String> bodies,
		int strangers, boolean judgedWhole) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int FAILED_DEPENDENCY = 424;

	public static BatchReply read(int status, UnaryOperator<@Nullable String> header, @Nullable String body,
			Set<String> sent) {
		GraphAnswer envelope = GraphAnswer.judge(status, header, body);
		JsonNode responses;
		try {
			responses = body == null ? null : JSON.readTree(body).get("responses");
		}
		catch (JacksonException e) {
			responses = null;
		}
		if (responses == null || !responses.isArray()) {
			if (envelope.verdict() != GraphAnswer.Verdict.CONFIRMED) {
				// a 424 says only "see the steps' answers": without them (an empty or cut
				// body on the way) nothing is known of any step, some of which Graph may
				// have carried out, so each is sent again rather than recorded as failed
				GraphAnswer each = envelope.verdict() == GraphAnswer.Verdict.NO_ANSWER || status == FAILED_DEPENDENCY
						? envelope.unanswered("the batch envelope got " + envelope.describe()) : envelope;
				return new BatchReply(envelope, all(sent, each), Map.of(), 0, true);
			}
			String seen = body == null || body.isBlank() ? "an empty body" : "no readable 'responses' array";
			GraphAnswer none = GraphAnswer.none("the batch answer (HTTP " + status + ") had " + seen);
			return new BatchReply(envelope, all(sent, none), Map.of(), 0, true);
		}
		Map<String, GraphAnswer> steps = new LinkedHashMap<>();
		Map<String, String> bodies = new HashMap<>();
		Set<String> twice = new HashSet<>();
		int strangers = 0;
		Map<String, String> sentByKey = new HashMap<>();
		sent.forEach(id -> sentByKey.put(id.toLowerCase(Locale.ROOT), id));
		for (JsonNode step : responses) {
			String id = sentByKey.get(step.path("id").asString("").toLowerCase(Locale.ROOT));
			if (id == null) {
				strangers++;
			}
			else if (steps.putIfAbsent(id, step(step)) != null) {
				twice.add(id);
			}
			else if (steps.get(id).verdict() == GraphAnswer.Verdict.CONFIRMED && step.get("body") != null) {
				bodies.put(id, step.get("body").toString());
			}
		}
		for (String id : sent) {
			if (twice.contains(id)) {
				steps.put(id, GraphAnswer.none("the batch answer held two answers for this step"));
				bodies.remove(id);
			}
			steps.putIfAbsent(id, GraphAnswer.none("the batch answer left this step out"));
		}
		return new BatchReply(envelope, steps, bodies, strangers, false);
	}

	/**
	 * No answer at all (connection failure, deadline, cancelled): every step is "no
	 * answer".
	 */
	public static BatchReply unanswered(Set<String> sent, GraphAnswer none) {
		return new BatchReply(none, all(sent, none), Map.of(), 0, true);
	}

	/**
	 * The same verdicts keyed by what the caller sent (group ids) instead of step ids.
	 */
	BatchReply rekeyed(Map<String, String> keyByStep) {
		Map<String, GraphAnswer> byKey = new LinkedHashMap<>();
		steps.forEach((step, answer) -> byKey.put(keyByStep.get(step), answer));
		Map<String, String> bodiesByKey = new HashMap<>();
		bodies.forEach((step, body) -> bodiesByKey.put(keyByStep.get(step), body));
		return new BatchReply(envelope, byKey, bodiesByKey, strangers, judgedWhole);
	}

	/** Graph refused the batch as a whole: nothing is known of any step. */
	public boolean refusedWhole() {
		return judgedWhole && envelope.verdict() != GraphAnswer.Verdict.CONFIRMED;
	}

	private static GraphAnswer step(JsonNode step) {
		JsonNode status = step.get("status");
		if (status == null || !status.isIntegralNumber() || status.asInt() < 100 || status.asInt() > 599) {
			return GraphAnswer
				.none("the step's answer had no usable status (" + (status == null ? "none" : status) + ")");
		}
		JsonNode headers = step.path("headers");
		UnaryOperator<@Nullable String> header = name -> {
			for (Map.Entry<String, JsonNode> entry : headers.properties()) {
				if (entry.getKey().equalsIgnoreCase(name) && entry.getValue().isValueNode()) {
					return entry.getValue().asString();
				}
			}
			return null;
		};
		JsonNode body = step.get("body");
		String text = body == null || body.isNull() ? null : body.isString() ? body.asString() : body.toString();
		return GraphAnswer.judge(status.asInt(), header, text);
	}

	private static Map<String, GraphAnswer> all(Set<String> sent, GraphAnswer answer) {
		Map<String, GraphAnswer> steps = new LinkedHashMap<>();
		sent.forEach(id -> steps.put(id, answer));
		return steps;
	}

	/**
	 * The longest Retry-After among the envelope and the steps still to be sent again, or
	 * null.
	 */
	public @Nullable Duration longestRetryAfter() {
		Duration longest = envelope.retryAfter();
		for (GraphAnswer step : steps.values()) {
			if (step.verdict() == GraphAnswer.Verdict.NO_ANSWER && step.retryAfter() != null
					&& (longest == null || step.retryAfter().compareTo(longest) > 0)) {
				longest = step.retryAfter();
			}
		}
		return longest;
	}

	/** The first step (else the envelope) that refused the access token. */
	public GraphAnswer firstTokenRefusal() {
		return steps.values()
			.stream()
			.filter(a -> a.verdict() == GraphAnswer.Verdict.TOKEN_REFUSED)
			.findFirst()
			.orElse(envelope);
	}

}

package io.writebackbatch.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /$batch} (JSON batching): validates the envelope as Graph does, runs each
 * step through the {@link Router} (dependencies first; a failed dependency answers 424),
 * then applies the {@link BatchFaults} and answers the steps in random order.
 */
record BatchEndpoint(Router router, Controls controls, Counters counters, ErrorAnswers errors) {

	GraphResponse batch(GraphRequest req) {
		counters.count(Counters.Name.BATCHES);
		BatchFaults bf = controls.batchFaults();
		ThreadLocalRandom rnd = ThreadLocalRandom.current();
		if (bf.envelopeRate() > 0 && rnd.nextDouble() < bf.envelopeRate()) {
			return refusedEnvelope(bf, req);
		}
		JsonNode root;
		try {
			root = Json.MAPPER.readTree(req.body());
		}
		catch (JacksonException ex) {
			return invalid("Invalid batch payload format.", req);
		}
		JsonNode requests = (root != null) ? root.get("requests") : null;
		if (requests == null || !requests.isArray()) {
			return invalid("Invalid batch payload format.", req);
		}
		if (requests.size() > 20) {
			return invalid("Too many requests in a batch. The limit is 20.", req);
		}
		if (requests.isEmpty()) {
			return invalid("Batch request must contain at least one request.", req);
		}
		Map<String, JsonNode> byId = new LinkedHashMap<>();
		GraphResponse problem = validateSteps(requests, byId, req);
		if (problem != null) {
			return problem;
		}
		Map<String, Integer> status = new HashMap<>();
		List<ObjectNode> out = new ArrayList<>();
		for (String id : byId.keySet()) {
			run(id, byId, status, out, req, new LinkedHashSet<>());
		}
		int envelopeStatus = envelopeStatus(status.values());
		String gauge = BatchAnswerFaults.shape(out, bf);
		Collections.shuffle(out, rnd);
		if (bf.unansweredRate() > 0 && rnd.nextDouble() < bf.unansweredRate()) {
			holdUnanswered();
		}
		ObjectNode env = Json.MAPPER.createObjectNode();
		ArrayNode arr = env.putArray("responses");
		out.forEach(arr::add);
		GraphResponse answer = GraphResponse.json(envelopeStatus, env).header("Content-Type", "application/json");
		return (gauge != null) ? answer.header(BatchAnswerFaults.GAUGE, gauge) : answer;
	}

	/**
	 * 200, or 424 when a step was throttled and the mode says so (throttling, "Throttling
	 * and batching": "the batch itself fails with a status code of 424").
	 */
	private int envelopeStatus(Collection<Integer> stepStatuses) {
		GraphModes.ThrottledBatch mode = controls.modes().throttledBatch();
		return stepStatuses.contains(429) ? mode.status() : 200;
	}

	private static GraphResponse refusedEnvelope(BatchFaults bf, GraphRequest req) {
		int status = bf.envelopeStatus();
		GraphResponse refused = (status == 502 || status == 504)
				? GraphResponse.text(status, GatewayFault.page(status), "text/html") : GraphResponse.json(status,
						BatchAnswerFaults.envelopeError(status, req.requestId(), req.clientRequestId()));
		return (bf.envelopeRetryAfter() != null) ? refused.header("Retry-After", bf.envelopeRetryAfter()) : refused;
	}

	/** Fills {@code byId}; Graph's answer to the first invalid step, or null. */
	private GraphResponse validateSteps(JsonNode requests, Map<String, JsonNode> byId, GraphRequest req) {
		Set<String> lower = new HashSet<>();
		for (JsonNode r : requests) {
			JsonNode idNode = r.get("id");
			if (idNode == null || idNode.isNull() || idNode.asString("").isEmpty()) {
				return invalid("Request Id is required for each request in a batch.", req);
			}
			String id = idNode.asString();
			if (!lower.add(id.toLowerCase(Locale.ROOT))) {
				return invalid("Request Id " + id + " has to be unique in a batch.", req);
			}
			String url = r.path("url").asString("");
			if (r.path("method").asString("").isEmpty() || url.isEmpty()) {
				return invalid("Method and url are required for request " + id + ".", req);
			}
			if (url.startsWith("http://") || url.startsWith("https://")) {
				return invalid("Batch request url must be relative: '" + url + "'.", req);
			}
			JsonNode b = r.get("body");
			if (b != null && !b.isNull() && headerOf(r, "content-type") == null) {
				return invalid("Content-Type header must be specified for request " + id + " which has a body.", req);
			}
			byId.put(id, r);
		}
		for (JsonNode r : byId.values()) {
			for (JsonNode dep : r.path("dependsOn")) {
				if (!byId.containsKey(dep.asString())) {
					return invalid("Dependency " + dep.asString() + " of request " + r.get("id").asString()
							+ " not found in the batch.", req);
				}
			}
		}
		return null;
	}

	private GraphResponse invalid(String message, GraphRequest req) {
		return errors.error(400, "BadRequest", message, req);
	}

	/**
	 * A batch that never answers: holds the connection until the simulator closes (or ten
	 * minutes pass).
	 */
	private static void holdUnanswered() {
		try {
			Thread.sleep(Duration.ofMinutes(10).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String headerOf(JsonNode r, String name) {
		for (Map.Entry<String, JsonNode> e : r.path("headers").properties()) {
			if (e.getKey().equalsIgnoreCase(name)) {
				return e.getValue().asString();
			}
		}
		return null;
	}

	private void run(String id, Map<String, JsonNode> byId, Map<String, Integer> status, List<ObjectNode> out,
			GraphRequest envelope, Set<String> visiting) {
		if (status.containsKey(id)) {
			return;
		}
		JsonNode r = byId.get(id);
		GraphResponse resp = null;
		if (!visiting.add(id)) {
			resp = errors.error(424, "FailedDependency", "Circular dependency on request " + id + ".", envelope);
		}
		else {
			for (JsonNode dep : r.path("dependsOn")) {
				run(dep.asString(), byId, status, out, envelope, visiting);
				int ds = status.get(dep.asString());
				if (ds < 200 || ds > 299) {
					resp = errors.error(424, "FailedDependency",
							"The request failed because of a failed dependency (" + dep.asString() + ").", envelope);
					break;
				}
			}
		}
		if (resp == null) {
			counters.count(Counters.Name.BATCH_SUB_REQUESTS);
			resp = router.execute(step(r, envelope));
		}
		status.put(id, resp.status());
		out.add(answer(id, resp));
	}

	/**
	 * A step as a request of its own: only its own headers (json-batching), bar the
	 * envelope's token.
	 */
	private static GraphRequest step(JsonNode r, GraphRequest envelope) {
		String url = r.get("url").asString();
		if (!url.startsWith("/")) {
			url = "/" + url;
		}
		int qi = url.indexOf('?');
		Map<String, String> headers = new HashMap<>();
		if (envelope.header("authorization") != null) {
			headers.put("authorization", envelope.header("authorization"));
		}
		for (Map.Entry<String, JsonNode> e : r.path("headers").properties()) {
			headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asString());
		}
		JsonNode b = r.get("body");
		byte[] body = (b == null || b.isNull()) ? new byte[0]
				: b.isString() ? Base64.getDecoder().decode(b.asString()) : Json.MAPPER.writeValueAsBytes(b);
		return new GraphRequest(r.get("method").asString().toUpperCase(Locale.ROOT),
				(qi < 0) ? url : url.substring(0, qi), QueryString.parse((qi < 0) ? null : url.substring(qi + 1)),
				headers, body, UUID.randomUUID().toString(), envelope.clientRequestId(), envelope.origin());
	}

	private static ObjectNode answer(String id, GraphResponse resp) {
		ObjectNode o = Json.MAPPER.createObjectNode();
		o.put("id", id);
		o.put("status", resp.status());
		ObjectNode h = o.putObject("headers");
		h.put("Cache-Control", "no-cache");
		resp.headers().forEach(h::put);
		if (resp.json() != null) {
			if (!resp.headers().containsKey("Content-Type")) {
				h.put("Content-Type", GraphResponse.JSON_CONTENT_TYPE);
			}
			o.set("body", resp.json());
		}
		else if (resp.text() != null) {
			o.put("body", resp.text());
		}
		return o;
	}

}

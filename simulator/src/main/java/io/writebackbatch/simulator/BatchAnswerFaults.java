package io.writebackbatch.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies {@link BatchFaults} to a {@code $batch} answer whose steps were carried out.
 */
final class BatchAnswerFaults {

	static final String GAUGE = "x-ms-throttle-limit-percentage";

	private BatchAnswerFaults() {
	}

	/** The error body Graph sends for an envelope refused as a whole. */
	static ObjectNode envelopeError(int status, String requestId, String clientRequestId) {
		return switch (status) {
			case 401 -> Json.error("InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.",
					requestId, clientRequestId);
			case 403 -> Json.error("Authorization_RequestDenied", "Insufficient privileges to complete the operation.",
					requestId, clientRequestId);
			case 429 -> Json.tooManyRequests(requestId, clientRequestId);
			case 503 -> Json.error("serviceNotAvailable", "The service is temporarily unavailable. Please retry later.",
					requestId, clientRequestId);
			default -> Json.error("UnknownError", "The batch could not be processed.", requestId, clientRequestId);
		};
	}

	/**
	 * Moves or removes the gauge according to {@code faults.gauge()} and returns the
	 * envelope's gauge (null = none), then loses, duplicates, garbles and adds steps.
	 */
	static String shape(List<ObjectNode> steps, BatchFaults faults) {
		String highest = null;
		for (ObjectNode step : steps) {
			JsonNode value = step.path("headers").get(GAUGE);
			if (value != null
					&& (highest == null || Double.parseDouble(value.asString()) > Double.parseDouble(highest))) {
				highest = value.asString();
			}
			if (faults.gauge() != BatchFaults.Gauge.STEPS && step.get("headers") instanceof ObjectNode headers) {
				headers.remove(GAUGE);
			}
		}
		ThreadLocalRandom rnd = ThreadLocalRandom.current();
		List<ObjectNode> shaped = new ArrayList<>();
		for (ObjectNode step : steps) {
			if (rnd.nextDouble() < faults.missingStepRate()) {
				continue;
			}
			if (rnd.nextDouble() < faults.nullErrorRate()) {
				step.put("status", 500);
				step.putObject("body").putNull("error");
			}
			else if (rnd.nextDouble() < faults.malformedStepRate()) {
				garble(step, rnd.nextInt(3));
			}
			shaped.add(step);
			if (rnd.nextDouble() < faults.duplicateStepRate()) {
				ObjectNode copy = Json.MAPPER.createObjectNode();
				copy.put("id", step.get("id").asString());
				copy.put("status", 429);
				copy.putObject("headers").put("Retry-After", "1");
				copy.set("body", Json.tooManyRequests("", ""));
				shaped.add(copy);
			}
		}
		if (rnd.nextDouble() < faults.unknownStepRate()) {
			ObjectNode stranger = Json.MAPPER.createObjectNode();
			stranger.put("id", UUID.randomUUID().toString());
			stranger.put("status", 204);
			shaped.add(stranger);
		}
		steps.clear();
		steps.addAll(shaped);
		return faults.gauge() == BatchFaults.Gauge.NONE ? null : highest;
	}

	private static void garble(ObjectNode step, int how) {
		switch (how) {
			case 0 -> step.remove("status");
			case 1 -> step.put("status", "OK");
			default -> {
				step.put("status", 500);
				step.put("body", "<html><body>upstream error</body></html>");
			}
		}
	}

}

package io.writebackbatch.simulator;

import java.time.Duration;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /_sim/faults}: the fault, batch-fault and throttling settings as JSON, and
 * partial updates of them.
 */
final class AdminFaults {

	private AdminFaults() {
	}

	/**
	 * Applies a partial update: latencyMs, jitterMs, errorRate, resetRate,
	 * randomThrottleRate, deleteRate, createRate, gatewayErrorRate, emptyAnswerRate,
	 * truncatedAnswerRate, omittedWritebackRate, roleAssignableGroups, the modes (see
	 * {@link #modes}), throttling (off|large|medium|small|one-second), timeScale,
	 * skipTokenTtlSeconds, and the batch faults (see {@link #batchFaults}). A rate
	 * outside [0, 1] throws {@link IllegalArgumentException}, nothing applied.
	 */
	static void apply(GraphSimulator sim, JsonNode j) {
		FaultConfig.Builder f = sim.faults().toBuilder();
		if (j.has("latencyMs")) {
			f.latency(Duration.ofMillis(j.get("latencyMs").asLong()));
		}
		if (j.has("jitterMs")) {
			f.jitter(Duration.ofMillis(j.get("jitterMs").asLong()));
		}
		rate(j, "errorRate", f::errorRate);
		rate(j, "resetRate", f::resetRate);
		rate(j, "randomThrottleRate", f::randomThrottleRate);
		rate(j, "deleteRate", f::deleteRate);
		rate(j, "createRate", f::createRate);
		rate(j, "gatewayErrorRate", f::gatewayErrorRate);
		rate(j, "emptyAnswerRate", f::emptyAnswerRate);
		rate(j, "truncatedAnswerRate", f::truncatedAnswerRate);
		rate(j, "omittedWritebackRate", f::omittedWritebackRate);
		GraphModes modes = modes(sim.modes(), j);
		if (j.has("roleAssignableGroups") && j.get("roleAssignableGroups").asInt() < 0) {
			throw new IllegalArgumentException("roleAssignableGroups must be >= 0");
		}
		BatchFaults batch = batchFaults(sim.batchFaults(), j);
		Duration skipTokenTtl = j.has("skipTokenTtlSeconds")
				? Duration.ofMillis((long) (j.get("skipTokenTtlSeconds").asDouble() * 1000)) : null;
		if (skipTokenTtl != null && skipTokenTtl.isNegative()) {
			throw new IllegalArgumentException("skipTokenTtlSeconds must be 0 (never expire) or more");
		}
		ThrottleConfig t = sim.throttling();
		if (j.has("throttling")) {
			t = ThrottleConfig.named(j.get("throttling").asString()).timeScale(t.timeScale());
		}
		if (j.has("timeScale")) {
			t = t.timeScale(j.get("timeScale").asDouble());
		}
		sim.faults(f.build());
		sim.batchFaults(batch);
		sim.modes(modes);
		if (j.has("roleAssignableGroups")) {
			sim.roleAssignableGroups(j.get("roleAssignableGroups").asInt());
		}
		if (skipTokenTtl != null) {
			sim.skipTokenTtl(skipTokenTtl);
		}
		if (j.has("throttling") || j.has("timeScale")) {
			sim.throttling(t);
		}
	}

	/**
	 * throttledBatch (200|424), otherAppWritesPerSecond, readLagMs, createdSinceRefused,
	 * grants (the main token's permissions, comma-separated).
	 */
	private static GraphModes modes(GraphModes current, JsonNode j) {
		GraphModes m = current;
		if (j.has("throttledBatch")) {
			m = m.throttledBatch(GraphModes.ThrottledBatch.of(j.get("throttledBatch").asString()));
		}
		if (j.has("otherAppWritesPerSecond")) {
			m = m.otherAppWritesPerSecond(j.get("otherAppWritesPerSecond").asDouble());
		}
		if (j.has("readLagMs")) {
			long ms = j.get("readLagMs").asLong();
			if (ms < 0) {
				throw new IllegalArgumentException("readLagMs must be >= 0");
			}
			m = m.readLag(Duration.ofMillis(ms));
		}
		if (j.has("createdSinceRefused")) {
			m = m.createdSinceRefused(j.get("createdSinceRefused").asBoolean());
		}
		if (j.has("grants")) {
			m = m.grants(GraphModes.parseGrants(j.get("grants").asString()));
		}
		return m;
	}

	/**
	 * gauge (steps|envelope|none), envelopeRate + envelopeStatus + envelopeRetryAfter,
	 * nullErrorRate, malformedStepRate, missingStepRate, duplicateStepRate,
	 * unknownStepRate, unansweredRate, batchGatewayRate.
	 */
	private static BatchFaults batchFaults(BatchFaults current, JsonNode j) {
		BatchFaults.Builder b = current.toBuilder();
		if (j.has("gauge")) {
			b.gauge(BatchFaults.Gauge.valueOf(j.get("gauge").asString().toUpperCase(Locale.ROOT)));
		}
		if (j.has("envelopeRate")) {
			b.envelopeRate(rate(j, "envelopeRate"))
				.envelopeStatus(j.path("envelopeStatus").asInt(503))
				.envelopeRetryAfter(j.hasNonNull("envelopeRetryAfter") ? j.get("envelopeRetryAfter").asString() : null);
		}
		rate(j, "nullErrorRate", b::nullErrorRate);
		rate(j, "malformedStepRate", b::malformedStepRate);
		rate(j, "missingStepRate", b::missingStepRate);
		rate(j, "duplicateStepRate", b::duplicateStepRate);
		rate(j, "unknownStepRate", b::unknownStepRate);
		rate(j, "unansweredRate", b::unansweredRate);
		rate(j, "batchGatewayRate", b::gatewayRate);
		return b.build();
	}

	private static void rate(JsonNode j, String k, java.util.function.DoubleConsumer setter) {
		if (j.has(k)) {
			setter.accept(rate(j, k));
		}
	}

	private static double rate(JsonNode j, String k) {
		double r = j.get(k).asDouble();
		if (r < 0 || r > 1) {
			throw new IllegalArgumentException(k + " must be in [0,1]");
		}
		return r;
	}

	static ObjectNode describe(GraphSimulator sim) {
		FaultConfig f = sim.faults();
		ObjectNode o = Json.MAPPER.createObjectNode();
		o.put("latencyMs", f.latency().toMillis());
		o.put("jitterMs", f.jitter().toMillis());
		o.put("errorRate", f.errorRate());
		o.put("resetRate", f.resetRate());
		o.put("randomThrottleRate", f.randomThrottleRate());
		o.put("deleteRate", f.deleteRate());
		o.put("createRate", f.createRate());
		o.put("gatewayErrorRate", f.gatewayErrorRate());
		o.put("emptyAnswerRate", f.emptyAnswerRate());
		o.put("truncatedAnswerRate", f.truncatedAnswerRate());
		o.put("omittedWritebackRate", f.omittedWritebackRate());
		GraphModes m = sim.modes();
		o.put("throttledBatch", m.throttledBatch().status());
		o.put("otherAppWritesPerSecond", m.otherAppWritesPerSecond());
		o.put("readLagMs", m.readLag().toMillis());
		o.put("createdSinceRefused", m.createdSinceRefused());
		o.put("grants", m.grantList());
		o.put("roleAssignableGroups", sim.roleAssignableGroupCount());
		BatchFaults b = sim.batchFaults();
		o.put("gauge", b.gauge().name().toLowerCase(Locale.ROOT));
		o.put("envelopeRate", b.envelopeRate());
		o.put("envelopeStatus", b.envelopeStatus());
		o.put("envelopeRetryAfter", b.envelopeRetryAfter());
		o.put("nullErrorRate", b.nullErrorRate());
		o.put("malformedStepRate", b.malformedStepRate());
		o.put("missingStepRate", b.missingStepRate());
		o.put("duplicateStepRate", b.duplicateStepRate());
		o.put("unknownStepRate", b.unknownStepRate());
		o.put("unansweredRate", b.unansweredRate());
		o.put("batchGatewayRate", b.gatewayRate());
		ThrottleConfig t = sim.throttling();
		o.put("throttlingEnabled", t.enabled());
		o.put("resourceUnits", t.resourceUnits());
		o.put("writes", t.writes());
		o.put("tenantWrites", t.tenantWrites());
		o.put("timeScale", t.timeScale());
		o.put("skipTokenTtlSeconds", sim.skipTokenTtl().toMillis() / 1000.0);
		return o;
	}

}

package io.writebackbatch.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Admin endpoints under {@code /_sim} (no auth, no faults, no throttling). */
final class Admin {
    private Admin() {
    }

    static void handle(GraphSimulator sim, HttpExchange ex, String path, Map<String, String> query, byte[] body,
                       String requestId, String clientRequestId) throws IOException {
        String m = ex.getRequestMethod().toUpperCase();
        Tenant tenant = sim.tenant();
        ex.getResponseHeaders().set("request-id", requestId);
        ex.getResponseHeaders().set("client-request-id", clientRequestId);
        JsonNode json = null;
        if (body.length > 0) {
            try {
                json = Json.MAPPER.readTree(body);
            } catch (JacksonException e) {
                send(ex, 400, "{\"error\":\"invalid JSON\"}");
                return;
            }
        }
        if (path.startsWith("/_sim/groups/")) {
            String id = path.substring("/_sim/groups/".length());
            if (m.equals("GET")) {
                var g = tenant.group(id);
                if (g.isEmpty()) {
                    send(ex, 404, "{\"error\":\"no such group\"}");
                } else {
                    send(ex, 200, Json.MAPPER.writeValueAsString(groupJson(g.get())));
                }
            } else if (m.equals("DELETE")) {
                send(ex, tenant.deleteGroup(id) ? 204 : 404, null);
            } else {
                send(ex, 405, null);
            }
        } else if (path.equals("/_sim/groups") && m.equals("POST")) {
            String name = json != null && json.has("displayName") ? json.get("displayName").asString()
                    : "New Group " + System.nanoTime();
            send(ex, 201, Json.MAPPER.writeValueAsString(groupJson(tenant.createUnifiedGroup(name))));
        } else if (path.equals("/_sim/state") && m.equals("GET")) {
            ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream os = ex.getResponseBody()) {
                sim.streamState(os);
            }
        } else if (path.equals("/_sim/audit") && m.equals("GET")) {
            StringBuilder sb = new StringBuilder();
            for (AuditEntry e : sim.audit()) {
                sb.append(Audit.toJson(e)).append('\n');
            }
            ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
            send(ex, 200, sb.toString());
        } else if (path.equals("/_sim/counters") && m.equals("GET")) {
            send(ex, 200, Json.MAPPER.writeValueAsString(sim.counters()));
        } else if (path.equals("/_sim/faults") && m.equals("GET")) {
            send(ex, 200, faultsJson(sim));
        } else if (path.equals("/_sim/faults") && m.equals("POST")) {
            if (json == null || !json.isObject()) {
                send(ex, 400, "{\"error\":\"JSON object expected\"}");
                return;
            }
            try {
                apply(sim, json);
            } catch (IllegalArgumentException e) {
                send(ex, 400, Json.MAPPER.writeValueAsString(Map.of("error", String.valueOf(e.getMessage()))));
                return;
            }
            send(ex, 200, faultsJson(sim));
        } else if (path.equals("/_sim/save") && m.equals("POST")) {
            String p = query.get("path");
            if (p == null || p.isBlank()) {
                send(ex, 400, "{\"error\":\"path query parameter required\"}");
                return;
            }
            sim.save(Path.of(p));
            send(ex, 200, Json.MAPPER.writeValueAsString(Map.of("saved", Path.of(p).toAbsolutePath().toString())));
        } else {
            send(ex, 404, "{\"error\":\"unknown admin endpoint\"}");
        }
    }

    /** Applies a partial fault/throttle update: latencyMs, jitterMs, errorRate, resetRate, randomThrottleRate,
     * deleteRate, createRate, gatewayErrorRate, throttling (off|large|medium|small), timeScale, skipTokenTtlSeconds. */
    static void apply(GraphSimulator sim, JsonNode j) {
        FaultConfig f = sim.faults();
        if (j.has("latencyMs") || j.has("jitterMs")) {
            f = f.latency(j.has("latencyMs") ? Duration.ofMillis(j.get("latencyMs").asLong()) : f.latency(),
                    j.has("jitterMs") ? Duration.ofMillis(j.get("jitterMs").asLong()) : f.jitter());
        }
        if (j.has("errorRate")) f = f.errorRate(rate(j, "errorRate"));
        if (j.has("resetRate")) f = f.resetRate(rate(j, "resetRate"));
        if (j.has("randomThrottleRate")) f = f.randomThrottleRate(rate(j, "randomThrottleRate"));
        if (j.has("deleteRate")) f = f.deleteRate(rate(j, "deleteRate"));
        if (j.has("createRate")) f = f.createRate(rate(j, "createRate"));
        if (j.has("gatewayErrorRate")) f = f.gatewayErrorRate(rate(j, "gatewayErrorRate"));
        sim.batchFaults(batchFaults(sim.batchFaults(), j));
        ThrottleConfig t = sim.throttling();
        boolean tChanged = false;
        if (j.has("throttling")) {
            t = ThrottleConfig.named(j.get("throttling").asString()).timeScale(t.timeScale());
            tChanged = true;
        }
        if (j.has("timeScale")) {
            t = t.timeScale(j.get("timeScale").asDouble());
            tChanged = true;
        }
        if (j.has("skipTokenTtlSeconds")) {
            sim.skipTokenTtl(Duration.ofMillis((long) (j.get("skipTokenTtlSeconds").asDouble() * 1000)));
        }
        sim.faults(f);
        if (tChanged) {
            sim.throttling(t);
        }
    }

    /** gauge (steps|envelope|none), envelopeRate + envelopeStatus + envelopeRetryAfter, nullErrorRate,
     * malformedStepRate, missingStepRate, duplicateStepRate, unknownStepRate, unansweredRate, batchGatewayRate. */
    private static BatchFaults batchFaults(BatchFaults b, JsonNode j) {
        if (j.has("gauge")) {
            b = b.gauge(BatchFaults.Gauge.valueOf(j.get("gauge").asString().toUpperCase(java.util.Locale.ROOT)));
        }
        if (j.has("envelopeRate")) {
            b = b.envelope(rate(j, "envelopeRate"), j.path("envelopeStatus").asInt(503),
                    j.hasNonNull("envelopeRetryAfter") ? j.get("envelopeRetryAfter").asString() : null);
        }
        if (j.has("nullErrorRate")) b = b.nullErrorRate(rate(j, "nullErrorRate"));
        if (j.has("malformedStepRate")) b = b.malformedStepRate(rate(j, "malformedStepRate"));
        if (j.has("missingStepRate")) b = b.missingStepRate(rate(j, "missingStepRate"));
        if (j.has("duplicateStepRate")) b = b.duplicateStepRate(rate(j, "duplicateStepRate"));
        if (j.has("unknownStepRate")) b = b.unknownStepRate(rate(j, "unknownStepRate"));
        if (j.has("unansweredRate")) b = b.unansweredRate(rate(j, "unansweredRate"));
        if (j.has("batchGatewayRate")) b = b.gatewayRate(rate(j, "batchGatewayRate"));
        return b;
    }

    private static double rate(JsonNode j, String k) {
        double r = j.get(k).asDouble();
        if (r < 0 || r > 1) {
            throw new IllegalArgumentException(k + " must be in [0,1]");
        }
        return r;
    }

    private static String faultsJson(GraphSimulator sim) {
        FaultConfig f = sim.faults();
        ThrottleConfig t = sim.throttling();
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("latencyMs", f.latency().toMillis());
        o.put("jitterMs", f.jitter().toMillis());
        o.put("errorRate", f.errorRate());
        o.put("resetRate", f.resetRate());
        o.put("randomThrottleRate", f.randomThrottleRate());
        o.put("deleteRate", f.deleteRate());
        o.put("createRate", f.createRate());
        o.put("gatewayErrorRate", f.gatewayErrorRate());
        BatchFaults b = sim.batchFaults();
        o.put("gauge", b.gauge().name().toLowerCase(java.util.Locale.ROOT));
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
        o.put("throttlingEnabled", t.enabled());
        o.put("resourceUnits", t.resourceUnits());
        o.put("writes", t.writes());
        o.put("tenantWrites", t.tenantWrites());
        o.put("timeScale", t.timeScale());
        return Json.MAPPER.writeValueAsString(o);
    }

    static ObjectNode groupJson(GroupView g) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", g.id());
        o.put("displayName", g.displayName());
        o.put("unified", g.unified());
        o.put("createdDateTime", g.createdDateTime().toString());
        o.put("onPremisesSyncEnabled", g.onPremisesSyncEnabled());
        o.put("memberCount", g.memberCount());
        o.put("mail", g.mail());
        if (g.writebackEnabled() == null) {
            o.putNull("isEnabled");
        } else {
            o.put("isEnabled", g.writebackEnabled());
        }
        o.put("onPremisesGroupType", g.onPremisesGroupType());
        return o;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        if (!ex.getResponseHeaders().containsKey("Content-Type")) {
            ex.getResponseHeaders().set("Content-Type", "application/json");
        }
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(b);
        }
    }
}

package io.writebackbatch.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Admin endpoints under {@code /_sim} (no auth, no faults, no throttling): the tenant's
 * groups and state, the audit log, the counters, the faults ({@link AdminFaults}) and
 * saving the tenant. They mirror {@link GraphSimulator}'s Java API, which they call.
 */
record Admin(GraphSimulator sim) {

	void handle(HttpExchange ex, String path, Map<String, String> query, byte[] body, String requestId,
			String clientRequestId) throws IOException {
		String m = ex.getRequestMethod().toUpperCase(Locale.ROOT);
		Tenant tenant = sim.tenant();
		ex.getResponseHeaders().set("request-id", requestId);
		ex.getResponseHeaders().set("client-request-id", clientRequestId);
		JsonNode json = null;
		if (body.length > 0) {
			try {
				json = Json.MAPPER.readTree(body);
			}
			catch (JacksonException e) {
				send(ex, 400, problem("invalid JSON"));
				return;
			}
		}
		if (path.startsWith("/_sim/groups/")) {
			group(ex, m, tenant, path.substring("/_sim/groups/".length()));
		}
		else if (path.equals("/_sim/groups") && m.equals("POST")) {
			String name = (json != null && json.has("displayName")) ? json.get("displayName").asString()
					: "New Group " + System.nanoTime();
			send(ex, 201, groupJson(tenant.createUnifiedGroup(name)));
		}
		else if (path.equals("/_sim/state") && m.equals("GET")) {
			ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
			ex.sendResponseHeaders(200, 0);
			try (OutputStream os = ex.getResponseBody()) {
				streamState(tenant.store(), os);
			}
		}
		else if (path.equals("/_sim/audit") && m.equals("GET")) {
			StringBuilder lines = new StringBuilder();
			sim.audit().forEach((e) -> lines.append(Audit.toJson(e)).append('\n'));
			ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
			send(ex, 200, lines.toString());
		}
		else if (path.equals("/_sim/counters") && m.equals("GET")) {
			send(ex, 200, Json.MAPPER.valueToTree(sim.counters()));
		}
		else if (path.equals("/_sim/faults") && m.equals("GET")) {
			send(ex, 200, AdminFaults.describe(sim));
		}
		else if (path.equals("/_sim/faults") && m.equals("POST")) {
			faults(ex, json);
		}
		else if (path.equals("/_sim/save") && m.equals("POST")) {
			save(ex, query.get("path"));
		}
		else {
			send(ex, 404, problem("unknown admin endpoint"));
		}
	}

	private void group(HttpExchange ex, String m, Tenant tenant, String id) throws IOException {
		if (m.equals("GET")) {
			var g = tenant.group(id);
			if (g.isEmpty()) {
				send(ex, 404, problem("no such group"));
			}
			else {
				send(ex, 200, groupJson(g.get()));
			}
		}
		else if (m.equals("DELETE")) {
			sendEmpty(ex, tenant.deleteGroup(id) ? 204 : 404);
		}
		else {
			sendEmpty(ex, 405);
		}
	}

	private void faults(HttpExchange ex, JsonNode json) throws IOException {
		if (json == null || !json.isObject()) {
			send(ex, 400, problem("JSON object expected"));
			return;
		}
		try {
			AdminFaults.apply(sim, json);
		}
		catch (IllegalArgumentException e) {
			send(ex, 400, problem(String.valueOf(e.getMessage())));
			return;
		}
		send(ex, 200, AdminFaults.describe(sim));
	}

	private void save(HttpExchange ex, String path) throws IOException {
		if (path == null || path.isBlank()) {
			send(ex, 400, problem("path query parameter required"));
			return;
		}
		sim.save(Path.of(path));
		send(ex, 200, Json.MAPPER.valueToTree(Map.of("saved", Path.of(path).toAbsolutePath().toString())));
	}

	/**
	 * Streams every live group as JSON lines (id, displayName, unified, isEnabled,
	 * onPremisesGroupType).
	 */
	static void streamState(TenantStore store, OutputStream os) throws IOException {
		BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
		GroupColumns groups = store.groups();
		GroupKey after = null;
		int[] page;
		do {
			page = store.page(after, 1000, false);
			for (int s : page) {
				byte packed = groups.writeback(s);
				ObjectNode o = Json.MAPPER.createObjectNode();
				o.put("id", groups.id(s));
				o.put("displayName", groups.displayName(s));
				o.put("unified", groups.unified(s));
				o.put("isEnabled", PackedWriteback.enabledOf(packed));
				o.put("onPremisesGroupType", PackedWriteback.typeOf(packed));
				w.write(Json.MAPPER.writeValueAsString(o));
				w.write('\n');
			}
			after = (page.length > 0) ? groups.key(page[page.length - 1]) : null;
		}
		while (page.length == 1000);
		w.flush();
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
		o.put("isEnabled", g.writebackEnabled());
		o.put("onPremisesGroupType", g.onPremisesGroupType());
		return o;
	}

	private static JsonNode problem(String message) {
		return Json.MAPPER.createObjectNode().put("error", message);
	}

	private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
		send(ex, status, Json.MAPPER.writeValueAsString(body));
	}

	private static void sendEmpty(HttpExchange ex, int status) throws IOException {
		ex.sendResponseHeaders(status, -1);
	}

	private static void send(HttpExchange ex, int status, String body) throws IOException {
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

package io.writebackbatch.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.writebackbatch.simulator.AuditEntry;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.GroupView;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every live group's writeback state, read through the simulator's admin endpoint
 * {@code GET /_sim/state} (all groups, unified or not), as the harness's independent view
 * of the tenant.
 */
record TenantState(Map<String, Writeback> groups) {

	static final ObjectMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	/** isEnabled (may be null: the default) and onPremisesGroupType (may be null). */
	record Writeback(Boolean isEnabled, String type) {

		static Writeback ofJson(JsonNode node) {
			if (node == null || node.isNull()) {
				return null;
			}
			JsonNode en = node.get("isEnabled");
			JsonNode type = node.get("onPremisesGroupType");
			return new Writeback(en == null || en.isNull() ? null : en.asBoolean(),
					type == null || type.isNull() ? null : type.asString());
		}

		/**
		 * The same group after {@code PATCH writebackConfiguration {isEnabled:false}} (a
		 * null type is kept).
		 */
		Writeback disabled() {
			return new Writeback(false, type);
		}
	}

	static TenantState fetch(GraphSimulator sim) throws IOException, InterruptedException {
		HttpResponse<Stream<String>> response = HTTP.send(
				HttpRequest.newBuilder(URI.create(sim.adminUrl() + "/state")).build(),
				HttpResponse.BodyHandlers.ofLines());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET /_sim/state answered " + response.statusCode());
		}
		Map<String, Writeback> groups = new HashMap<>();
		response.body().filter(l -> !l.isBlank()).forEach(line -> {
			JsonNode n = JSON.readTree(line);
			groups.put(n.get("id").asString(), Writeback.ofJson(n));
		});
		return new TenantState(Map.copyOf(groups));
	}

	/**
	 * What disable-all must change: unified, cloud-mastered groups whose stored isEnabled
	 * is not false.
	 */
	static Set<String> disableAllPlan(GraphSimulator sim) {
		return sim.tenant()
			.unifiedGroups()
			.stream()
			.filter(g -> !g.onPremisesSyncEnabled() && !Boolean.FALSE.equals(g.writebackEnabled()))
			.map(GroupView::id)
			.collect(Collectors.toUnmodifiableSet());
	}

	static List<AuditEntry> patches(GraphSimulator sim) {
		return sim.audit().stream().filter(e -> e.method().equals("PATCH")).toList();
	}

	static List<AuditEntry> entries(GraphSimulator sim, String method) {
		return sim.audit().stream().filter(e -> e.method().equals(method)).toList();
	}
}

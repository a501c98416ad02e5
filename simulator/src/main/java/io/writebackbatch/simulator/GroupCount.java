package io.writebackbatch.simulator;

import java.util.LinkedHashMap;

import io.writebackbatch.simulator.GraphSimulator.Req;
import io.writebackbatch.simulator.GraphSimulator.Resp;

/**
 * {@code GET /groups/$count}: a path segment that Graph serves only as an advanced query (ConsistencyLevel: eventual),
 * answered as plain text; with the unified-group filter it counts unified groups.
 */
final class GroupCount {

	private GroupCount() {
	}

	static Resp answer(GraphSimulator sim, Req req) {
		if (!GraphSimulator.isAdvancedQuery(req)) {
			return sim.badRequest("$count is not currently supported.", req);
		}
		String filter = req.query().get("$filter");
		boolean unifiedOnly = filter != null && !filter.isBlank();
		if (unifiedOnly && !GraphSimulator.UNIFIED_FILTER.matcher(filter).matches()) {
			return sim.badRequest("Unsupported or invalid query filter clause specified for property of resource 'Group'.",
					req);
		}
		long count = unifiedOnly ? sim.tenant().liveUnifiedCount() : sim.tenant().liveCount();
		return new Resp(200, new LinkedHashMap<>(), null, Long.toString(count)).header("Content-Type", "text/plain");
	}
}

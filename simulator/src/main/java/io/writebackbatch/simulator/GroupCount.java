package io.writebackbatch.simulator;

/**
 * {@code GET /groups/$count}: a path segment that Graph serves only as an advanced query
 * (ConsistencyLevel: eventual), answered as plain text; with the unified-group filter it
 * counts unified groups.
 */
record GroupCount(TenantStore store, ErrorAnswers errors) {

	GraphResponse answer(GraphRequest req) {
		if (!req.isAdvancedQuery()) {
			return errors.badRequest("$count is not currently supported.", req);
		}
		String filter = req.query().get("$filter");
		boolean unifiedOnly = filter != null && !filter.isBlank();
		if (unifiedOnly && !GroupListing.UNIFIED_FILTER.matcher(filter).matches()) {
			return errors.badRequest(
					"Unsupported or invalid query filter clause specified for property of resource 'Group'.", req);
		}
		long count = unifiedOnly ? store.liveUnifiedCount() : store.liveCount();
		return GraphResponse.text(200, Long.toString(count), "text/plain");
	}

}

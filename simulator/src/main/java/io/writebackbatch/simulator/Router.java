package io.writebackbatch.simulator;

/**
 * Runs one authenticated request (top-level or {@code $batch} step): "by someone else"
 * changes, injected 5xx, random 429, the throttling budgets, then the endpoint its path
 * names.
 */
record Router(Controls controls, FaultInjection faults, BudgetGate throttle, GroupListing listing, GroupEndpoints group,
		GroupCount groupCount, Settings settings, Organization organization, Permissions permissions, Counters counters,
		ErrorAnswers errors) {

	GraphResponse execute(GraphRequest req) {
		counters.countPriority(req.header("x-ms-throttle-priority"));
		FaultConfig f = controls.faults();
		faults.othersChange(f);
		GraphResponse injected = faults.serverError(f, req);
		if (injected != null) {
			return injected;
		}
		int[] cost = BudgetGate.cost(req);
		GraphResponse underLoad = faults.randomThrottle(f, req, cost[0]);
		if (underLoad != null) {
			return underLoad;
		}
		BudgetGate.Charge charge = throttle.charge(cost);
		if (!charge.decision().allowed()) {
			return throttle.refusal(charge, req);
		}
		return throttle.annotate(route(req), charge);
	}

	private GraphResponse route(GraphRequest req) {
		String p = req.path();
		int q = p.indexOf('?');
		if (q >= 0) {
			p = p.substring(0, q);
		}
		String[] seg = (p.length() > 1) ? p.substring(1).split("/") : new String[0];
		String m = req.method();
		if (seg.length == 0) {
			return errors.error(400, "BadRequest", "Resource not found for the segment ''.", req);
		}
		String first = seg[0];
		if (!m.equals("GET") && !permissions.has(req.bearer(), Permissions.GROUP_READ_WRITE)) {
			return errors.denied(req);
		}
		if (first.equalsIgnoreCase("groups")) {
			GraphResponse answer = groups(req, seg);
			if (answer != null) {
				return answer;
			}
		}
		else if (first.equalsIgnoreCase("settings")) {
			counters.count(Counters.Name.SETTINGS_REQUESTS);
			return settings.settings(req, seg);
		}
		else if (first.equalsIgnoreCase("organization") && seg.length == 1 && m.equals("GET")) {
			return organization.get(req);
		}
		else if (first.equalsIgnoreCase("directorySettingTemplates")) {
			counters.count(Counters.Name.SETTINGS_REQUESTS);
			return settings.templates(req, seg);
		}
		if (first.equalsIgnoreCase("groups") || first.equalsIgnoreCase("settings")) {
			return errors.methodNotSupported(req);
		}
		return errors.error(400, "BadRequest", "Resource not found for the segment '" + first + "'.", req);
	}

	/** The group endpoints; null for a method or path Graph does not serve there. */
	private GraphResponse groups(GraphRequest req, String[] seg) {
		String m = req.method();
		if (seg.length == 1 && m.equals("GET")) {
			counters.count(Counters.Name.GROUP_LIST_PAGES);
			return listing.list(req);
		}
		if (seg.length == 2 && m.equals("GET")) {
			return seg[1].equals("$count") ? groupCount.answer(req) : group.get(req, seg[1]);
		}
		if (seg.length == 2 && m.equals("PATCH")) {
			return group.patch(req, seg[1]);
		}
		if (seg.length == 4 && seg[2].equals("members") && seg[3].equals("$count") && m.equals("GET")) {
			return group.memberCount(req, seg[1]);
		}
		return null;
	}

}

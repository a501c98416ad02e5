package io.writebackbatch.simulator;

import java.util.Locale;

/**
 * Charges each request (or {@code $batch} step) its cost against the throttling budgets
 * ({@link Throttler}): a 429 with Graph's throttling headers when it does not fit;
 * otherwise the answer gets {@code x-ms-resource-unit} and, as
 * {@link ThrottleConfig#gaugeReading()} says (by default above 80 % of a budget),
 * {@code x-ms-throttle-limit-percentage}.
 */
record BudgetGate(Controls controls, Counters counters) {

	/**
	 * [RU, writes] per https://learn.microsoft.com/graph/throttling-limits (identity and
	 * access).
	 */
	static int[] cost(GraphRequest req) {
		if (!req.method().equals("GET")) {
			return new int[] { 1, 1 };
		}
		int base = req.path().contains("/members") ? 3 : 1;
		if (req.query().containsKey("$select")) {
			base--;
		}
		String top = req.query().get("$top");
		if (top != null) {
			try {
				if (Integer.parseInt(top.trim()) < 20) {
					base--;
				}
			}
			catch (NumberFormatException ignored) {
				// answered with 400 later
			}
		}
		return new int[] { Math.max(1, base), 0 };
	}

	/** What charging a request decided, and its cost in resource units. */
	record Charge(Throttler.Decision decision, int resourceUnits) {
	}

	Charge charge(int[] cost) {
		return new Charge(controls.throttler().charge(cost[0], cost[1]), cost[0]);
	}

	/** Graph's 429 for a charge that did not fit. */
	GraphResponse refusal(Charge charge, GraphRequest req) {
		counters.count(Counters.Name.THROTTLED_429);
		Throttler.Decision d = charge.decision();
		GraphResponse r = GraphResponse.json(429, Json.tooManyRequests(req.requestId(), req.clientRequestId()))
			.header("Retry-After", String.format(Locale.ROOT, "%.3f", d.retryAfter()))
			.header("x-ms-throttle-scope", d.scope())
			.header("x-ms-throttle-information", d.information());
		return annotate(r, charge);
	}

	/** Adds the cost and, when a budget is nearly spent, how much of it is used. */
	GraphResponse annotate(GraphResponse r, Charge charge) {
		r.header("x-ms-resource-unit", Integer.toString(charge.resourceUnits()));
		double reading = charge.decision().limitPercentage();
		if (!Double.isNaN(reading)) {
			r.header("x-ms-throttle-limit-percentage", String.format(Locale.ROOT, "%.2f", reading));
		}
		return r;
	}

}

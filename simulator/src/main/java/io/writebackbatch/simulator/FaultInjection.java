package io.writebackbatch.simulator;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@link FaultConfig} faults of one request (or {@code $batch} step): groups deleted
 * or created "by someone else" meanwhile, an injected 503/504, a 429 below the budgets.
 */
record FaultInjection(Tenant tenant, Audit audit, Counters counters, ErrorAnswers errors) {

	/** Someone else's changes, as the faults draw them. */
	void othersChange(FaultConfig f) {
		ThreadLocalRandom rnd = ThreadLocalRandom.current();
		TenantStore store = tenant.store();
		if (f.deleteRate() > 0 && rnd.nextDouble() < f.deleteRate()) {
			int s = store.randomLiveUnified();
			if (s >= 0 && store.delete(s)) {
				counters.count(Counters.Name.GROUPS_DELETED_BY_OTHERS);
				audit.record("someone-else", "EXTERNAL-DELETE", store.groups().id(s),
						Audit.wbJson(store.groups().writeback(s)), null);
			}
		}
		if (f.createRate() > 0 && rnd.nextDouble() < f.createRate()) {
			int s = store.create("New Team " + Long.toHexString(rnd.nextLong() & 0xFFFFFFL), GroupColumns.UNIFIED,
					tenant.settings().newUnifiedGroupWritebackDefault());
			counters.count(Counters.Name.GROUPS_CREATED_BY_OTHERS);
			audit.record("someone-else", "EXTERNAL-CREATE", store.groups().id(s), null,
					Audit.wbJson(store.groups().writeback(s)));
		}
	}

	/** An injected 503 or 504, or null. */
	GraphResponse serverError(FaultConfig f, GraphRequest req) {
		ThreadLocalRandom rnd = ThreadLocalRandom.current();
		if (f.errorRate() <= 0 || rnd.nextDouble() >= f.errorRate()) {
			return null;
		}
		counters.count(Counters.Name.INJECTED_5XX);
		return rnd.nextBoolean()
				? errors.error(503, "serviceNotAvailable",
						"The service is temporarily unavailable. Please retry later.", req)
				: errors.error(504, "GatewayTimeout", "The gateway did not receive a timely response.", req);
	}

	/** A 429 below the budgets ("service under load"), or null. */
	GraphResponse randomThrottle(FaultConfig f, GraphRequest req, int resourceUnits) {
		if (f.randomThrottleRate() <= 0 || ThreadLocalRandom.current().nextDouble() >= f.randomThrottleRate()) {
			return null;
		}
		counters.count(Counters.Name.THROTTLED_429);
		return GraphResponse.json(429, Json.tooManyRequests(req.requestId(), req.clientRequestId()))
			.header("Retry-After", "1")
			.header("x-ms-resource-unit", Integer.toString(resourceUnits));
	}

}

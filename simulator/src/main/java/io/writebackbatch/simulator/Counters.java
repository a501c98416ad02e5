package io.writebackbatch.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the simulator counts while it serves; {@link #snapshot(double[])} is the public
 * view.
 */
final class Counters {

	/** One counter per field of {@link SimulatorCounters}, bar the budget use. */
	enum Name {

		REQUESTS, GROUP_LIST_PAGES, GROUP_GETS, GROUP_PATCHES, MEMBER_COUNTS, SETTINGS_REQUESTS, BATCHES,
		BATCH_SUB_REQUESTS, THROTTLED_429, INJECTED_5XX, CONNECTION_RESETS, UNAUTHORIZED, NOT_FOUND, BAD_REQUESTS,
		WRITES_APPLIED, GROUPS_DELETED_BY_OTHERS, GROUPS_CREATED_BY_OTHERS, MANGLED_ANSWERS

	}

	private final Map<Name, LongAdder> counters = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> priorities = new ConcurrentHashMap<>();

	Counters() {
		for (Name name : Name.values()) {
			counters.put(name, new LongAdder());
		}
	}

	void count(Name name) {
		counters.get(name).increment();
	}

	/**
	 * Counts a request or batch step by the {@code x-ms-throttle-priority} it carried
	 * (null: "none").
	 */
	void countPriority(String priority) {
		priorities.computeIfAbsent((priority != null) ? priority : "none", (k) -> new LongAdder()).increment();
	}

	Map<String, Long> priorities() {
		Map<String, Long> out = new TreeMap<>();
		priorities.forEach((k, v) -> out.put(k, v.sum()));
		return out;
	}

	void reset() {
		counters.values().forEach(LongAdder::reset);
		priorities.clear();
	}

	/** The counters, with the throttling buckets' use (RU, writes, tenant writes). */
	SimulatorCounters snapshot(double[] budgetUse) {
		return new SimulatorCounters(get(Name.REQUESTS), get(Name.GROUP_LIST_PAGES), get(Name.GROUP_GETS),
				get(Name.GROUP_PATCHES), get(Name.MEMBER_COUNTS), get(Name.SETTINGS_REQUESTS), get(Name.BATCHES),
				get(Name.BATCH_SUB_REQUESTS), get(Name.THROTTLED_429), get(Name.INJECTED_5XX),
				get(Name.CONNECTION_RESETS), get(Name.UNAUTHORIZED), get(Name.NOT_FOUND), get(Name.BAD_REQUESTS),
				get(Name.WRITES_APPLIED), get(Name.GROUPS_DELETED_BY_OTHERS), get(Name.GROUPS_CREATED_BY_OTHERS),
				get(Name.MANGLED_ANSWERS), budgetUse[0], budgetUse[1], budgetUse[2]);
	}

	private long get(Name name) {
		return counters.get(name).sum();
	}

}

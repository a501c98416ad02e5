package io.writebackbatch.simulator;

import java.time.Duration;

/**
 * What can be changed while the simulator serves (through the Java API or
 * {@code POST /_sim/faults}): injected faults, {@code $batch} answer faults, throttling
 * budgets and how long a page token lives. Each is replaced whole, so a request sees one
 * consistent setting.
 */
final class Controls {

	private final String appId;

	private final String tenantId;

	private volatile FaultConfig faults;

	private volatile BatchFaults batchFaults;

	private volatile Throttler throttler;

	private volatile Duration skipTokenTtl;

	Controls(SimulatorConfig config) {
		this.appId = config.appId();
		this.tenantId = config.tenantId();
		this.faults = config.faults();
		this.batchFaults = config.batchFaults();
		this.throttler = new Throttler(config.throttling(), appId, tenantId);
		skipTokenTtl(config.skipTokenTtl());
	}

	FaultConfig faults() {
		return faults;
	}

	void faults(FaultConfig faults) {
		this.faults = faults;
	}

	BatchFaults batchFaults() {
		return batchFaults;
	}

	void batchFaults(BatchFaults batchFaults) {
		this.batchFaults = batchFaults;
	}

	Throttler throttler() {
		return throttler;
	}

	/** New budgets; the buckets restart full. */
	void throttling(ThrottleConfig throttling) {
		this.throttler = new Throttler(throttling, appId, tenantId);
	}

	Duration skipTokenTtl() {
		return skipTokenTtl;
	}

	/** Zero (or null): page tokens never expire. */
	void skipTokenTtl(Duration ttl) {
		this.skipTokenTtl = (ttl != null) ? ttl : Duration.ZERO;
	}

}

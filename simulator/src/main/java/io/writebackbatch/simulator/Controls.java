package io.writebackbatch.simulator;

import java.time.Duration;

/**
 * What can be changed while the simulator serves (through the Java API or
 * {@code POST /_sim/faults}): injected faults, {@code $batch} answer faults, throttling
 * budgets, how long a page token lives and the {@link GraphModes}. Each is replaced
 * whole, so a request sees one consistent setting.
 */
final class Controls {

	private final String appId;

	private final String tenantId;

	private volatile FaultConfig faults;

	private volatile BatchFaults batchFaults;

	private volatile Throttler throttler;

	private volatile Duration skipTokenTtl;

	private volatile GraphModes modes;

	Controls(SimulatorConfig config) {
		this.appId = config.appId();
		this.tenantId = config.tenantId();
		this.faults = config.faults();
		this.batchFaults = config.batchFaults();
		this.modes = config.modes();
		this.throttler = new Throttler(config.throttling(), appId, tenantId, modes.otherAppWritesPerSecond());
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

	/**
	 * New budgets; the buckets restart full (the tenant's spent while another app
	 * writes).
	 */
	void throttling(ThrottleConfig throttling) {
		this.throttler = new Throttler(throttling, appId, tenantId, modes.otherAppWritesPerSecond());
	}

	GraphModes modes() {
		return modes;
	}

	/** New modes; a new rate of the other app restarts the buckets. */
	void modes(GraphModes modes) {
		boolean otherApp = modes.otherAppWritesPerSecond() != this.modes.otherAppWritesPerSecond();
		this.modes = modes;
		if (otherApp) {
			throttling(throttler.config());
		}
	}

	Duration skipTokenTtl() {
		return skipTokenTtl;
	}

	/** Zero (or null): page tokens never expire. */
	void skipTokenTtl(Duration ttl) {
		this.skipTokenTtl = (ttl != null) ? ttl : Duration.ZERO;
	}

}

package io.writebackbatch.simulator;

/**
 * Token buckets of Graph's identity-and-access throttling
 * (https://learn.microsoft.com/graph/throttling-limits#identity-and-access-service-limits).
 *
 * <p>
 * Each bucket tracks <em>usage</em>, which drains continuously at
 * {@code capacity / window × timeScale}; a request fits when
 * {@code usage + cost <= capacity}. Starting from zero usage gives the burst, then the
 * sustained rate. A rejected request still adds its RU (Graph counts usage while a client
 * is throttled), capped at 1.8 × capacity; it does not add writes (nothing was written).
 */
final class Throttler {

	static final class Bucket {

		final String name;

		final double capacity;

		final double ratePerSecond;

		/** What others spend from this bucket per second (another app of the tenant). */
		final double othersPerSecond;

		double usage;

		long last;

		Bucket(String name, double capacity, double windowSeconds, double timeScale) {
			this(name, capacity, windowSeconds, timeScale, 0);
		}

		/**
		 * A bucket others spend too: it starts spent (they have been writing), then
		 * refills at its rate less theirs.
		 */
		Bucket(String name, double capacity, double windowSeconds, double timeScale, double othersPerSecond) {
			this.name = name;
			this.capacity = capacity;
			this.ratePerSecond = capacity / windowSeconds * timeScale;
			this.othersPerSecond = othersPerSecond * timeScale;
			this.usage = (othersPerSecond > 0) ? capacity : 0;
			this.last = System.nanoTime();
		}

		void drain(long now) {
			double seconds = (now - last) / 1e9;
			usage = Math.max(0, usage - seconds * ratePerSecond);
			if (othersPerSecond > 0) {
				usage = Math.min(capacity, usage + seconds * othersPerSecond);
			}
			last = now;
		}

		double secondsUntilFits(double cost) {
			return Math.max(0, usage + cost - capacity) / ratePerSecond;
		}

	}

	/** Outcome of a charge. {@code retryAfter} in seconds when rejected. */
	record Decision(boolean allowed, double retryAfter, String scope, String information, double limitPercentage) {
	}

	private final ThrottleConfig cfg;

	private final Bucket ru;

	private final Bucket writes;

	private final Bucket tenantWrites;

	private final String appId;

	private final RecentCharges recent = new RecentCharges();

	private final String tenantId;

	/**
	 * @param otherAppWritesPerSecond writes per second another app spends from the
	 * tenant-wide write bucket (0: none)
	 */
	Throttler(ThrottleConfig cfg, String appId, String tenantId, double otherAppWritesPerSecond) {
		this.cfg = cfg;
		this.appId = appId;
		this.tenantId = tenantId;
		this.ru = new Bucket("ru", cfg.resourceUnits(), cfg.resourceUnitWindow().toMillis() / 1000.0, cfg.timeScale());
		this.writes = new Bucket("writes", cfg.writes(), cfg.writeWindow().toMillis() / 1000.0, cfg.timeScale());
		this.tenantWrites = new Bucket("tenantWrites", cfg.tenantWrites(), cfg.tenantWriteWindow().toMillis() / 1000.0,
				cfg.timeScale(), otherAppWritesPerSecond);
	}

	ThrottleConfig config() {
		return cfg;
	}

	synchronized Decision charge(int ruCost, int writeCost) {
		if (!cfg.enabled()) {
			return new Decision(true, 0, null, null, Double.NaN);
		}
		long now = System.nanoTime();
		ru.drain(now);
		writes.drain(now);
		tenantWrites.drain(now);
		boolean ruOk = ru.usage + ruCost <= ru.capacity;
		boolean wOk = writeCost == 0 || writes.usage + writeCost <= writes.capacity;
		boolean twOk = writeCost == 0 || tenantWrites.usage + writeCost <= tenantWrites.capacity;
		if (ruOk && wOk && twOk) {
			ru.usage += ruCost;
			writes.usage += writeCost;
			tenantWrites.usage += writeCost;
			recent.add(now, false);
			return new Decision(true, 0, null, null, percentage());
		}
		double retry = 0;
		String scope;
		String info;
		if (!wOk || !twOk) {
			Bucket b = !twOk ? tenantWrites : writes;
			retry = Math.max(b.secondsUntilFits(writeCost), ruOk ? 0 : ru.secondsUntilFits(ruCost));
			scope = (!twOk && wOk ? "Tenant" : "Tenant_Application") + "/Write/" + appId + "/" + tenantId;
			info = "WriteLimitExceeded";
		}
		else {
			scope = "Tenant_Application/ReadWrite/" + appId + "/" + tenantId;
			info = "ResourceUnitLimitExceeded";
		}
		ru.usage = Math.min(ru.capacity * 1.8, ru.usage + ruCost);
		recent.add(now, true);
		if (!ruOk) {
			retry = Math.max(retry, ru.secondsUntilFits(ruCost));
		}
		return new Decision(false, Math.max(retry, 0.001), scope, info, percentage());
	}

	/** The gauge as {@link ThrottleConfig#gaugeReading()} reads it; NaN for none. */
	private double percentage() {
		double used = Math.max(ru.usage / ru.capacity,
				Math.max(writes.usage / writes.capacity, tenantWrites.usage / tenantWrites.capacity));
		return cfg.gaugeReading().reading(used, recent.refusedShare());
	}

	synchronized double[] use() {
		if (!cfg.enabled()) {
			return new double[3];
		}
		long now = System.nanoTime();
		ru.drain(now);
		writes.drain(now);
		tenantWrites.drain(now);
		return new double[] { ru.usage / ru.capacity, writes.usage / writes.capacity,
				tenantWrites.usage / tenantWrites.capacity };
	}

}

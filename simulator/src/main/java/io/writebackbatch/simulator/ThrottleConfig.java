package io.writebackbatch.simulator;

import java.time.Duration;
import java.util.Locale;

/**
 * Throttling budgets of the simulator, modelled on Microsoft Graph's "identity and access
 * service limits" (https://learn.microsoft.com/graph/throttling-limits): token buckets
 * per application + tenant for resource units (RU) and writes, plus a tenant-wide write
 * bucket.
 *
 * <p>
 * Each bucket starts full (the burst) and refills continuously at
 * {@code capacity / window}. The {@link #timeScale()} factor multiplies the <em>refill
 * rate</em> only: capacities (bursts) stay Graph's, windows shrink by the factor. With
 * {@code timeScale(10)} the large-tenant write bucket is 3,000 writes of burst, then 200
 * writes/s instead of 20/s. Graph's shape (burst, then sustained rate) is preserved.
 *
 * @param enabled false: no budget is checked (only {@code x-ms-resource-unit} is sent)
 * @param resourceUnits RU capacity per app + tenant (large 8,000, medium 5,000, small
 * 3,500)
 * @param resourceUnitWindow window of the RU budget (10 s)
 * @param writes write capacity per app + tenant (3,000)
 * @param writeWindow window of the write budget (2 min 30 s)
 * @param tenantWrites write capacity per tenant, all apps (18,000)
 * @param tenantWriteWindow window of the tenant write budget (5 min)
 * @param timeScale refill-rate multiplier (1 = real time)
 * @param gaugeReading what {@code x-ms-throttle-limit-percentage} reads (default: the
 * share used, above 0.8)
 */
public record ThrottleConfig(boolean enabled, int resourceUnits, Duration resourceUnitWindow, int writes,
		Duration writeWindow, int tenantWrites, Duration tenantWriteWindow, double timeScale,
		GaugeReading gaugeReading) {

	public ThrottleConfig {
		if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
			throw new IllegalArgumentException("timeScale must be a number > 0, was " + timeScale);
		}
		gaugeReading = gaugeReading == null ? GaugeReading.USAGE : gaugeReading;
	}

	/** No throttling at all. */
	public static ThrottleConfig off() {
		return new ThrottleConfig(false, 8_000, Duration.ofSeconds(10), 3_000, Duration.ofSeconds(150), 18_000,
				Duration.ofMinutes(5), 1.0, GaugeReading.USAGE);
	}

	/**
	 * Large tenant (&gt; 500 users): 8,000 RU / 10 s; 3,000 writes / 150 s; 18,000 tenant
	 * writes / 5 min.
	 */
	public static ThrottleConfig graphLargeTenant() {
		return new ThrottleConfig(true, 8_000, Duration.ofSeconds(10), 3_000, Duration.ofSeconds(150), 18_000,
				Duration.ofMinutes(5), 1.0, GaugeReading.USAGE);
	}

	/** Medium tenant (50–500 users): 5,000 RU / 10 s; same write limits. */
	public static ThrottleConfig graphMediumTenant() {
		return graphLargeTenant().resourceUnits(5_000);
	}

	/** Small tenant (&lt; 50 users): 3,500 RU / 10 s; same write limits. */
	public static ThrottleConfig graphSmallTenant() {
		return graphLargeTenant().resourceUnits(3_500);
	}

	/**
	 * A write bucket that holds one second of refill (burst 40, then 40 writes/s);
	 * Graph's other limits.
	 */
	public static ThrottleConfig oneSecondWriteBucket() {
		return graphLargeTenant().writes(40).writeWindow(Duration.ofSeconds(1));
	}

	/**
	 * {@code off}, {@code large}, {@code medium}, {@code small} or {@code one-second}.
	 */
	public static ThrottleConfig named(String name) {
		return switch (name.toLowerCase(Locale.ROOT)) {
			case "off", "none" -> off();
			case "large" -> graphLargeTenant();
			case "medium" -> graphMediumTenant();
			case "small" -> graphSmallTenant();
			case "one-second" -> oneSecondWriteBucket();
			default ->
				throw new IllegalArgumentException("throttling must be off|large|medium|small|one-second: " + name);
		};
	}

	public ThrottleConfig timeScale(double factor) {
		return toBuilder().timeScale(factor).build();
	}

	public ThrottleConfig resourceUnits(int capacity) {
		return toBuilder().resourceUnits(capacity).build();
	}

	public ThrottleConfig writes(int capacity) {
		return toBuilder().writes(capacity).build();
	}

	public ThrottleConfig writeWindow(Duration window) {
		return toBuilder().writeWindow(window).build();
	}

	public ThrottleConfig tenantWrites(int capacity) {
		return toBuilder().tenantWrites(capacity).build();
	}

	public ThrottleConfig gaugeReading(GaugeReading reading) {
		return toBuilder().gaugeReading(reading).build();
	}

	public ThrottleConfig enabled(boolean on) {
		return toBuilder().enabled(on).build();
	}

	/** A copy to change: {@code budgets.toBuilder().writes(40).timeScale(10).build()}. */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/** Changes some values of a {@link ThrottleConfig}; the others stay. */
	public static final class Builder {

		private boolean enabled;

		private int resourceUnits;

		private Duration resourceUnitWindow;

		private int writes;

		private Duration writeWindow;

		private int tenantWrites;

		private Duration tenantWriteWindow;

		private double timeScale;

		private GaugeReading gaugeReading;

		private Builder(ThrottleConfig from) {
			this.enabled = from.enabled;
			this.resourceUnits = from.resourceUnits;
			this.resourceUnitWindow = from.resourceUnitWindow;
			this.writes = from.writes;
			this.writeWindow = from.writeWindow;
			this.tenantWrites = from.tenantWrites;
			this.tenantWriteWindow = from.tenantWriteWindow;
			this.timeScale = from.timeScale;
			this.gaugeReading = from.gaugeReading;
		}

		public Builder enabled(boolean enabled) {
			this.enabled = enabled;
			return this;
		}

		public Builder resourceUnits(int resourceUnits) {
			this.resourceUnits = resourceUnits;
			return this;
		}

		public Builder resourceUnitWindow(Duration resourceUnitWindow) {
			this.resourceUnitWindow = resourceUnitWindow;
			return this;
		}

		public Builder writes(int writes) {
			this.writes = writes;
			return this;
		}

		public Builder writeWindow(Duration writeWindow) {
			this.writeWindow = writeWindow;
			return this;
		}

		public Builder tenantWrites(int tenantWrites) {
			this.tenantWrites = tenantWrites;
			return this;
		}

		public Builder tenantWriteWindow(Duration tenantWriteWindow) {
			this.tenantWriteWindow = tenantWriteWindow;
			return this;
		}

		public Builder timeScale(double timeScale) {
			this.timeScale = timeScale;
			return this;
		}

		public Builder gaugeReading(GaugeReading gaugeReading) {
			this.gaugeReading = gaugeReading;
			return this;
		}

		public ThrottleConfig build() {
			return new ThrottleConfig(enabled, resourceUnits, resourceUnitWindow, writes, writeWindow, tenantWrites,
					tenantWriteWindow, timeScale, gaugeReading);
		}

	}
}

package io.writebackbatch.runs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Change control settings ({@code WRITEBACK_CHANGE_CONTROL_*}).
 *
 * @param maxPlanAge {@code apply --plan} refuses a plan older than this: the tenant has
 * moved on, plan again
 * @param fullInventoryEvery an incremental definition lists every group when its last
 * full listing is older
 * @param incrementalOverlap an incremental run also reads groups created this long before
 * the last run started: Graph's createdDateTime filter is an advanced query over an index
 * that lags behind writes
 */
@ConfigurationProperties("writeback.change-control")
public record ChangeControlProperties(@DefaultValue("7d") Duration maxPlanAge,
		@DefaultValue("7d") Duration fullInventoryEvery, @DefaultValue("1h") Duration incrementalOverlap) {

	/**
	 * A negative duration would start the incremental window in the future (the run reads
	 * nothing) or make every plan too old: refused at start, as the retention settings
	 * are.
	 */
	public ChangeControlProperties {
		refuseNegative("max-plan-age", maxPlanAge, "7d");
		refuseNegative("full-inventory-every", fullInventoryEvery, "7d");
		refuseNegative("incremental-overlap", incrementalOverlap, "1h");
	}

	private static void refuseNegative(String name, Duration value, String example) {
		if (value.isNegative()) {
			throw new IllegalArgumentException("writeback.change-control." + name + " " + value
					+ " is negative: give a duration such as " + example);
		}
	}
}

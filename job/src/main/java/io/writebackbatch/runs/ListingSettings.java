package io.writebackbatch.runs;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import io.writebackbatch.graph.GraphProperties;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The settings of a tenant's deployment that decide when an incremental definition lists
 * every group again: recorded with each run (non-identifying job parameters), so that
 * {@code runs --fleet} and {@code report --fleet}, run from a workstation for many
 * tenants, show each tenant's next full listing by its own settings, not by those of the
 * process that asks.
 *
 * @param fullInventoryEvery {@code writeback.change-control.full-inventory-every}
 * @param pageSize {@code writeback.graph.page-size}: whether re-reading by id is cheaper
 * than listing
 */
public record ListingSettings(Duration fullInventoryEvery, int pageSize) {

	static final String FULL_INVENTORY_EVERY = "fullInventoryEvery";

	static final String PAGE_SIZE = "pageSize";

	public static ListingSettings of(ChangeControlProperties changeControl, GraphProperties graph) {
		return new ListingSettings(changeControl.fullInventoryEvery(), graph.pageSize());
	}

	/**
	 * The settings a run recorded; empty for a run recorded before runs carried them (or
	 * with a value no setting could have).
	 */
	public static Optional<ListingSettings> recorded(JobParameters parameters) {
		String every = parameters.getString(FULL_INVENTORY_EVERY);
		Long pageSize = parameters.getLong(PAGE_SIZE);
		if (every == null || pageSize == null || pageSize < 1 || pageSize > 999) {
			return Optional.empty();
		}
		try {
			return Optional.of(new ListingSettings(Duration.parse(every), pageSize.intValue()));
		}
		catch (DateTimeParseException e) {
			return Optional.empty();
		}
	}

	JobParametersBuilder addTo(JobParametersBuilder parameters) {
		return parameters.addString(FULL_INVENTORY_EVERY, fullInventoryEvery.toString(), false)
			.addLong(PAGE_SIZE, (long) pageSize, false);
	}

}

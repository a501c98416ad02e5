package io.writebackbatch.fleet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.writebackbatch.changecontrol.InventoryPolicy;
import io.writebackbatch.definition.Fleet;
import io.writebackbatch.definition.InventoryMode;
import io.writebackbatch.definition.JobDefinition;
import io.writebackbatch.report.ReportWriter;
import io.writebackbatch.report.RunReport;
import io.writebackbatch.runs.RunHistory;
import io.writebackbatch.runs.RunKey;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The fleet at a glance, from the one job repository: for each tenant of the fleet file
 * and each of its definitions, its latest run and when its next full listing is due.
 * Reads nothing of any tenant (no token is needed).
 */
@Service
public class FleetStatus {

	private final RunHistory history;

	private final ReportWriter reports;

	private final InventoryPolicy inventory;

	public FleetStatus(RunHistory history, ReportWriter reports, InventoryPolicy inventory) {
		this.history = history;
		this.reports = reports;
		this.inventory = inventory;
	}

	/**
	 * One definition of one tenant.
	 *
	 * @param last its latest run; null when it has none yet
	 * @param drift groups turned back since its last completed apply, as its latest run
	 * found them; null when that run did not compare (a plan, the first apply)
	 * @param nextFullListing when its next full listing is due
	 */
	public record Line(Fleet.Member member, JobDefinition definition, @Nullable RunReport last, @Nullable Long drift,
			FullListing nextFullListing) {

	}

	/**
	 * When the definition's runs list every group again: each run ({@code inventory:
	 * full}), the next run, or after {@code due}.
	 */
	public record FullListing(When when, @Nullable Instant due) {

		public enum When {

			EVERY_RUN, NEXT_RUN, AFTER

		}

		@Override
		public String toString() {
			return switch (when) {
				case EVERY_RUN -> "every run";
				case NEXT_RUN -> "next run";
				case AFTER -> "after " + String.valueOf(due).substring(0, 16).replace('T', ' ');
			};
		}

	}

	/** Every tenant's definitions, in the fleet file's order. */
	public List<Line> of(Fleet fleet) {
		List<Line> lines = new ArrayList<>();
		for (Fleet.Member member : fleet.tenants()) {
			for (JobDefinition definition : member.definitions()) {
				RunKey key = new RunKey(member.tenant(), definition.name());
				Optional<RunReport> last = history.runsBefore(key, Long.MAX_VALUE)
					.stream()
					.findFirst()
					.map(reports::summarize);
				lines.add(new Line(member, definition, last.orElse(null), last.map(FleetStatus::drift).orElse(null),
						fullListing(key, definition)));
			}
		}
		return lines;
	}

	private static @Nullable Long drift(RunReport run) {
		var reverted = run.changeControl().reverted();
		return reverted == null ? null : reverted.count();
	}

	private FullListing fullListing(RunKey key, JobDefinition definition) {
		if (definition.document().inventory() == InventoryMode.FULL) {
			return new FullListing(FullListing.When.EVERY_RUN, null);
		}
		return inventory.nextFullListing(key, definition)
			.map(due -> new FullListing(FullListing.When.AFTER, due))
			.orElse(new FullListing(FullListing.When.NEXT_RUN, null));
	}

}

package io.writebackbatch.fleet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.writebackbatch.changecontrol.InventoryPolicy;
import io.writebackbatch.definition.Fleet;
import io.writebackbatch.definition.InventoryMode;
import io.writebackbatch.definition.JobDefinition;
import io.writebackbatch.report.ReportWriter;
import io.writebackbatch.report.RunReport;
import io.writebackbatch.runs.RunHistory;
import io.writebackbatch.runs.RunKey;
import io.writebackbatch.runs.RunService;

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

	private final RunService runs;

	public FleetStatus(RunHistory history, ReportWriter reports, InventoryPolicy inventory, RunService runs) {
		this.history = history;
		this.reports = reports;
		this.inventory = inventory;
		this.runs = runs;
	}

	/** How many of a definition's latest runs each line holds. */
	static final int LATEST_RUNS = 5;

	/**
	 * One definition of one tenant.
	 *
	 * @param latest its latest runs, newest first (at most {@value #LATEST_RUNS}); empty
	 * when it has none yet
	 * @param nextFullListing when its next full listing is due
	 */
	public record Line(Fleet.Member member, JobDefinition definition, List<RunReport> latest,
			FullListing nextFullListing) {

		/** Its latest run; null when it has none yet. */
		public @Nullable RunReport last() {
			return latest.isEmpty() ? null : latest.get(0);
		}

		/**
		 * Groups turned back since the definition's last completed apply, as its latest
		 * run found them; null when that run did not compare (a plan, a first apply) or
		 * there is none.
		 */
		public @Nullable Long drift() {
			RunReport last = last();
			return last == null ? null : drift(last);
		}

		/** As {@link #drift()}, of one run. */
		public static @Nullable Long drift(RunReport run) {
			var reverted = run.changeControl().reverted();
			return reverted == null ? null : reverted.count();
		}

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
		runs.requireEveryRunHasATenant(); // else a tenant whose runs have none would show
											// "no runs"
		List<Line> lines = new ArrayList<>();
		for (Fleet.Member member : fleet.tenants()) {
			for (JobDefinition definition : member.definitions()) {
				RunKey key = new RunKey(member.tenant(), definition.name());
				List<RunReport> latest = history.runsBefore(key, Long.MAX_VALUE)
					.stream()
					.limit(LATEST_RUNS)
					.map(reports::summarize)
					.toList();
				lines.add(new Line(member, definition, latest, fullListing(key, definition)));
			}
		}
		return lines;
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

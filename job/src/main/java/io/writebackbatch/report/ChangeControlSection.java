package io.writebackbatch.report;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.writebackbatch.staging.ChangeControlRepository.RevertedGroup;

/**
 * The report's "Change control" section: the inventory kind, the plan's digest or the
 * plan carried out, drift.
 */
final class ChangeControlSection {

	/**
	 * Groups listed by name in the HTML and Markdown; summary.json and groups.csv have
	 * them all.
	 */
	private static final int LISTED = 50;

	private ChangeControlSection() {
	}

	/** The section, when the run has anything to say about change control. */
	static List<ReportView.Section> of(ChangeControlReport c) {
		List<ReportView.Fact> rows = new ArrayList<>();
		if (c == null) {
			return List.of();
		}
		if (c.inventory() != null) {
			rows.add(new ReportView.Fact("Inventory", c.inventory() + ": " + c.inventoryReason()));
		}
		if (c.plan() != null) {
			rows.add(new ReportView.Fact("Plan digest", c.plan().digest() + " (" + c.plan().changes() + " changes)"));
			rows.add(new ReportView.Fact("To apply exactly this plan",
					"apply --plan " + c.plan().runId() + " --digest " + c.plan().digest()));
		}
		if (c.appliedPlan() != null) {
			ChangeControlReport.Plan p = c.appliedPlan();
			rows.add(new ReportView.Fact("Carried out plan",
					"run " + p.runId() + ", digest " + p.digest() + ", " + p.changes() + " changes, planned "
							+ Human.time(p.plannedAt(), ZoneId.systemDefault())
							+ (p.plannedBy() == null ? "" : " by " + p.plannedBy())));
			rows.add(new ReportView.Fact("Changed since the plan (left alone)",
					Long.toString(c.driftedSincePlan() - c.forcedOverDrift())));
			if (c.forcedOverDrift() > 0) {
				rows.add(new ReportView.Fact("Changed since the plan, planned state written anyway (--force)",
						Long.toString(c.forcedOverDrift())));
			}
			rows.add(new ReportView.Fact("Deleted since the plan", c.deletedSincePlan().size()
					+ (c.deletedSincePlan().isEmpty() ? "" : ": " + String.join(", ", first(c.deletedSincePlan())))));
		}
		if (c.reverted() != null) {
			rows.add(new ReportView.Fact("Turned back since run " + c.reverted().sinceRun(),
					c.reverted().count() + (c.reverted().count() == 0 ? "" : ": " + String.join(", ",
							first(c.reverted().groups().stream().map(ChangeControlSection::describe).toList())))));
		}
		return rows.isEmpty() ? List.of() : List.of(new ReportView.Section("change-control", "Change control", rows));
	}

	private static String describe(RevertedGroup g) {
		return g.displayName() + " (" + g.id() + ", now " + g.now() + (g.changedAgain() ? ", changed again" : "") + ")";
	}

	private static List<String> first(List<String> items) {
		if (items.size() <= LISTED) {
			return items;
		}
		List<String> first = new ArrayList<>(items.subList(0, LISTED));
		first.add("... (all in summary.json)");
		return first;
	}

}

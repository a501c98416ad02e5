package io.writebackbatch.report;

import java.util.ArrayList;
import java.util.List;

import io.writebackbatch.changecontrol.ChangeControlReport;
import io.writebackbatch.staging.ChangeControlRepository.RevertedGroup;

/** The report's "Change control" section: the inventory kind, the plan's digest or the plan carried out, drift. */
final class ChangeControlSection {

	/** Groups listed by name in the HTML and Markdown; summary.json and groups.csv have them all. */
	private static final int LISTED = 50;

	private ChangeControlSection() {
	}

	/** Label and value rows, in order. */
	static List<String[]> rows(ChangeControlReport c) {
		List<String[]> rows = new ArrayList<>();
		if (c == null) {
			return rows;
		}
		if (c.inventory() != null) {
			rows.add(new String[] { "Inventory", c.inventory() + ": " + c.inventoryReason() });
		}
		if (c.plan() != null) {
			rows.add(new String[] { "Plan digest", c.plan().digest() + " (" + c.plan().changes() + " changes)" });
			rows.add(new String[] { "To apply exactly this plan",
					"apply --plan " + c.plan().runId() + " --digest " + c.plan().digest() });
		}
		if (c.appliedPlan() != null) {
			ChangeControlReport.Plan p = c.appliedPlan();
			rows.add(new String[] { "Carried out plan", "run " + p.runId() + ", digest " + p.digest() + ", " + p.changes()
					+ " changes, planned " + p.plannedAt() + (p.plannedBy() == null ? "" : " by " + p.plannedBy()) });
			rows.add(new String[] { "Changed since the plan (left alone)", Long.toString(c.driftedSincePlan()) });
			rows.add(new String[] { "Deleted since the plan", c.deletedSincePlan().size()
					+ (c.deletedSincePlan().isEmpty() ? "" : ": " + String.join(", ", first(c.deletedSincePlan()))) });
		}
		if (c.reverted() != null) {
			rows.add(new String[] { "Turned back since run " + c.reverted().sinceRun(), c.reverted().count()
					+ (c.reverted().count() == 0 ? "" : ": " + String.join(", ", first(c.reverted().groups().stream()
						.map(ChangeControlSection::describe).toList()))) });
		}
		return rows;
	}

	static String markdown(ChangeControlReport c) {
		List<String[]> rows = rows(c);
		if (rows.isEmpty()) {
			return "";
		}
		StringBuilder md = new StringBuilder("## Change control\n\n| | |\n|---|---|\n");
		rows.forEach(row -> md.append("| ").append(row[0]).append(" | ").append(row[1].replace("|", "\\|")).append(" |\n"));
		return md.append('\n').toString();
	}

	static String html(ChangeControlReport c) {
		List<String[]> rows = rows(c);
		if (rows.isEmpty()) {
			return "";
		}
		StringBuilder html = new StringBuilder("<h2>Change control</h2><table>");
		rows.forEach(row -> html.append("<tr><th>").append(ReportWriter.html(row[0])).append("</th><td>")
			.append(ReportWriter.html(row[1])).append("</td></tr>"));
		return html.append("</table>").toString();
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

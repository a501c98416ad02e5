package io.writebackbatch.report;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.writebackbatch.domain.Decision;
import io.writebackbatch.runs.RunKey;
import io.writebackbatch.domain.EffectiveWriteback;
import io.writebackbatch.domain.Outcome;
import io.writebackbatch.domain.ReasonCode;
import io.writebackbatch.domain.Writeback;
import io.writebackbatch.staging.DecisionTally;
import io.writebackbatch.staging.StagingRepository;
import io.writebackbatch.staging.WritebackTally;

import org.springframework.stereotype.Component;

/**
 * Builds the {@link ReportView} of a run from its summary, its staging rows' tallies and
 * its apply timeline.
 */
@Component
class ReportViews {

	private final StagingRepository staging;

	private final ZoneId zone = ZoneId.systemDefault();

	ReportViews(StagingRepository staging) {
		this.staging = staging;
	}

	ReportView of(RunReport r, Path directory) {
		List<ApplyTimeline.Sample> samples = ApplyTimeline.read(directory);
		long changedRows = r.change() + ReportRows.LISTED_SKIPS.stream()
			.mapToLong(reason -> r.skippedByReason().getOrDefault(reason.name(), 0L))
			.sum();
		return new ReportView(r, "writeback-batch run " + r.runId(), headline(r), facts(r), counts(r), skipped(r),
				List.of(stateChart(r), reasonChart(r), outcomeChart(r)),
				samples.size() < 2 ? List.of() : List.of(TimelineChart.of(samples)), rollback(r), sections(r),
				changedRows, Human.count(changedRows));
	}

	private String headline(RunReport r) {
		String what = (r.undoesARun() ? "Rollback of run " + r.rollbackOf()
				: "Run " + r.runId() + " of “" + r.definition() + "”")
				+ (r.appliesChanges() ? " (apply)" : " (plan, a dry run)");
		return what + " " + ending(r) + ": started " + Human.time(r.startedAt(), zone) + ", ended "
				+ Human.endTime(r.startedAt(), r.endedAt(), zone) + ", after " + Human.duration(r.duration())
				+ "; run by " + r.ranBy().user() + " on " + r.ranBy().host() + ".";
	}

	private static String ending(RunReport r) {
		if (r.markedRunning()) {
			// an H2 file never holds a live run while 'report' reads it: say both, and
			// what recovers the second
			return "is marked running (or its process was killed: 'resume' or 'scheduled' recovers it)";
		}
		return switch (r.status()) {
			case "COMPLETED" -> "completed";
			case "STOPPED" -> "was stopped (resumable)";
			default ->
				"ended " + r.status() + (r.exitDescription().equals(r.status()) ? "" : " (" + r.exitDescription() + ")")
						+ (r.wasUndoneByRollback() ? ", undone by rollback run " + r.undoneByRollback() : "");
		};
	}

	private List<ReportView.Fact> facts(RunReport r) {
		return List.of(new ReportView.Fact("Tenant", r.tenant() == null ? RunKey.UNASSIGNED : r.tenant().toString()),
				new ReportView.Fact("Definition", r.definition() + " (" + r.definitionFile() + ")"),
				new ReportView.Fact("Mode", r.mode() + (r.undoesARun() ? ", rollback of run " + r.rollbackOf() : "")),
				new ReportView.Fact("Status", r.status() + (r.wasUndoneByRollback()
						? " (undone by rollback run " + r.undoneByRollback() + ": nothing continues this run)" : "")),
				new ReportView.Fact("Started", Human.time(r.startedAt(), zone)),
				new ReportView.Fact("Ended", Human.time(r.endedAt(), zone)),
				new ReportView.Fact("Duration", Human.duration(r.duration())),
				new ReportView.Fact("Run by", r.ranBy().user() + " on " + r.ranBy().host()),
				new ReportView.Fact("New-group default", r.newGroupDefault()));
	}

	private static List<ReportView.Count> counts(RunReport r) {
		return List.of(count("groups", "Unified groups read", r.groups()),
				count("change", "Planned to change", r.change()), count("skip", "Skipped", r.skip()),
				count("updated", "Updated", r.updated()), count("notFound", "Gone (404)", r.notFound()),
				count("failed", "Failed", r.failed()),
				count("pending", r.appliesChanges() ? "Not applied (pending)" : "Not applied (dry run)", r.pending()));
	}

	private static List<ReportView.Count> skipped(RunReport r) {
		return r.skippedByReason().entrySet().stream().map(e -> count(e.getKey(), e.getKey(), e.getValue())).toList();
	}

	private static ReportView.Count count(String field, String label, long n) {
		return new ReportView.Count(field, label, Human.count(n));
	}

	private static List<ReportView.Section> sections(RunReport r) {
		List<ReportView.Section> sections = new ArrayList<>(ChangeControlSection.of(r.changeControl()));
		if (r.memberAudit().counted() > 0) {
			sections.add(new ReportView.Section("member-audit", "Member-limit audit",
					List.of(new ReportView.Fact("Written-back groups counted", Human.count(r.memberAudit().counted())),
							new ReportView.Fact("Over 50,000 members (not written back by the default rule)",
									Human.count(r.memberAudit().over50k())),
							new ReportView.Fact("Over 250,000 members (cannot be written back)",
									Human.count(r.memberAudit().over250k())))));
		}
		return sections;
	}

	private static List<ReportView.Rollback> rollback(RunReport r) {
		Long undone = r.rollbackOf();
		if (undone == null) {
			return List.of();
		}
		return List.of(new ReportView.Rollback(undone, "../" + undone + "/report.html", Human.count(r.change()),
				Human.count(r.skippedByReason().getOrDefault(ReasonCode.CONFLICT.name(), 0L))));
	}

	/**
	 * Effective state (written back as which type, or not) before the run and after it
	 * (as planned, for a plan).
	 */
	private BarChart stateChart(RunReport r) {
		Map<String, long[]> states = new LinkedHashMap<>();
		states.put(state(new Writeback(false, null)), new long[2]);
		for (WritebackTally t : staging.writebackTally(r.runId())) {
			Writeback after = t.decision() == Decision.CHANGE && t.target() != null
					&& (!r.appliesChanges() || t.outcome() == Outcome.UPDATED) ? t.previous().patchedWith(t.target())
							: t.previous();
			states.computeIfAbsent(state(t.previous()), k -> new long[2])[0] += t.groups();
			states.computeIfAbsent(state(after), k -> new long[2])[1] += t.groups();
		}
		List<BarChart.Category> categories = states.entrySet()
			.stream()
			.map(e -> new BarChart.Category(e.getKey(), e.getValue()))
			.toList();
		return BarChart.of("states", "Writeback state before and after",
				"Effective state of every Microsoft 365 group read: written back as which on-premises type, or not.",
				List.of("before", r.appliesChanges() ? "after" : "after, if applied"), categories);
	}

	private static String state(Writeback stored) {
		EffectiveWriteback effective = EffectiveWriteback.of(stored);
		String type = effective.onPremisesGroupType(); // set exactly when written back
		return type != null ? type : "not written back";
	}

	private BarChart reasonChart(RunReport r) {
		Map<String, Long> changed = new TreeMap<>();
		for (DecisionTally row : staging.tally(r.runId())) {
			if (row.decision() == Decision.CHANGE) {
				changed.merge(String.valueOf(row.reasonCode()), row.groups(), Long::sum);
			}
		}
		List<BarChart.Category> categories = new ArrayList<>();
		changed.forEach((reason, n) -> categories.add(new BarChart.Category("change: " + reason, n)));
		r.skippedByReason().forEach((reason, n) -> categories.add(new BarChart.Category("skip: " + reason, n)));
		return BarChart.of("reasons", "Decisions by reason",
				"Why each group is changed or left alone (the plan's rules).", List.of("groups"), categories);
	}

	private static BarChart outcomeChart(RunReport r) {
		return BarChart.of("outcomes", "Outcomes of the planned changes", r.appliesChanges()
				? "What Graph answered for each planned change." : "A plan sends nothing: every change is pending.",
				List.of("groups"),
				List.of(new BarChart.Category("updated", r.updated()),
						new BarChart.Category("gone (404)", r.notFound()), new BarChart.Category("failed", r.failed()),
						new BarChart.Category("not applied", r.pending())));
	}

}

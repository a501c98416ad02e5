package io.writebackbatch.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.writebackbatch.changecontrol.ChangeControlSummary;
import io.writebackbatch.plan.EffectiveWriteback;
import io.writebackbatch.setting.SettingChangeRepository;
import io.writebackbatch.staging.StagedGroup;
import io.writebackbatch.staging.StagingRepository;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes {@code reports/<run-id>/}: summary.json, groups.csv, summary.md and a self-contained report.html. */
@Component
public class ReportWriter {

	/** The HTML lists changed and failed groups up to this many rows; groups.csv always has every group. */
	static final int HTML_ROW_LIMIT = 5000;

	/** Entra Connect writes back groups up to this many members with its default rule... */
	static final long MEMBER_LIMIT = 50_000;

	/** ...and never beyond this many, even with that rule disabled. */
	static final long MEMBER_HARD_LIMIT = 250_000;

	private final StagingRepository staging;

	private final SettingChangeRepository settingChanges;

	private final ReportProperties properties;

	private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final ChangeControlSummary changeControl;

	public ReportWriter(StagingRepository staging, SettingChangeRepository settingChanges, ReportProperties properties,
			ChangeControlSummary changeControl) {
		this.staging = staging;
		this.changeControl = changeControl;
		this.settingChanges = settingChanges;
		this.properties = properties;
	}

	public Path directory(long runId) {
		return properties.directory().resolve(Long.toString(runId)).toAbsolutePath().normalize();
	}

	public RunReport summarize(JobExecution execution) {
		return summarize(execution, execution.getStatus());
	}

	/** The summary, with {@code status} in place of the execution's own (which is STARTED while the job runs). */
	private RunReport summarize(JobExecution execution, BatchStatus status) {
		long runId = execution.getJobInstance().getInstanceId();
		long change = 0, skip = 0, updated = 0, notFound = 0, failed = 0, pending = 0;
		Map<String, Long> skipped = new TreeMap<>();
		for (Map.Entry<List<String>, Long> row : staging.tally(runId).entrySet()) {
			String decision = row.getKey().get(0);
			String outcome = row.getKey().get(2);
			long n = row.getValue();
			if ("CHANGE".equals(decision)) {
				change += n;
				if ("UPDATED".equals(outcome)) {
					updated += n;
				}
				else if ("NOT_FOUND".equals(outcome)) {
					notFound += n;
				}
				else if ("FAILED".equals(outcome)) {
					failed += n;
				}
				else {
					pending += n;
				}
			}
			else if ("SKIP".equals(decision)) {
				skip += n;
				skipped.merge(row.getKey().get(1), n, Long::sum);
			}
		}
		long groups = staging.countGroups(runId);
		Instant started = toInstant(execution.getStartTime());
		Instant ended = toInstant(execution.getEndTime());
		var params = execution.getJobParameters();
		long[] members = staging.memberCountTally(runId, MEMBER_LIMIT, MEMBER_HARD_LIMIT);
		String newGroupDefault = settingChanges.find(runId)
			.map(c -> c.decision() + ": " + c.reason() + (c.outcome() == null ? "" : " [" + c.outcome() + "]"))
			.orElse("unchanged (not requested)");
		return new RunReport(runId, params.getString("definitionName"), params.getString("definition"),
				params.getString("mode"), status.name(),
				status == execution.getStatus() ? execution.getExitStatus().getExitCode() : status.name(), started,
				ended, started == null ? Duration.ZERO : Duration.between(started, ended == null ? Instant.now() : ended),
				groups, change, skip, skipped, updated, notFound, failed, pending, newGroupDefault,
				new RunReport.MemberAudit(members[0], members[1], members[2]), changeControl.summarize(execution, skipped));
	}

	/** Writes all four files and returns the summary they hold. */
	public RunReport write(JobExecution execution) {
		return write(execution, execution.getStatus());
	}

	/**
	 * Writes the report of a run that is about to end with {@code status}: the report step is the job's last, so when
	 * it runs the run completes with it.
	 */
	public RunReport write(JobExecution execution, BatchStatus status) {
		RunReport report = summarize(execution, status);
		Path dir = directory(report.runId());
		try {
			Files.createDirectories(dir);
			json.writeValue(dir.resolve("summary.json").toFile(), report);
			writeCsv(report.runId(), dir.resolve("groups.csv"));
			Files.writeString(dir.resolve("summary.md"), markdown(report), StandardCharsets.UTF_8);
			writeHtml(report, dir.resolve("report.html"));
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot write the report to " + dir + ": " + e.getMessage()
					+ "; check writeback.report.directory (WRITEBACK_REPORT_DIRECTORY) is writable", e);
		}
		return report;
	}

	private void writeCsv(long runId, Path file) throws IOException {
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("id,displayName,before,beforeEffective,decision,reasonCode,reason,target,outcome,httpStatus,errorCode,"
					+ "error,requestId,memberCount\n");
			staging.forEach(runId, g -> {
				try {
					out.write(String.join(",", csv(g.groupId()), csv(g.displayName()),
							csv(EffectiveWriteback.describeRaw(g.previous())),
							csv(EffectiveWriteback.of(g.previous()).describe()), csv(name(g.decision())), csv(g.reasonCode()),
							csv(g.reason()), csv(g.target() == null ? null : EffectiveWriteback.describeRaw(g.target())),
							csv(g.outcome()), csv(g.httpStatus()), csv(g.errorCode()), csv(g.errorMessage()),
							csv(g.requestId()), csv(g.memberCount())));
					out.write('\n');
				}
				catch (IOException e) {
					throw new UncheckedIOException(e);
				}
			});
		}
	}

	public static String markdown(RunReport r) {
		StringBuilder md = new StringBuilder();
		md.append("# writeback-batch run ").append(r.runId()).append("\n\n");
		md.append("| | |\n|---|---|\n");
		md.append("| Definition | ").append(r.definition()).append(" (`").append(r.definitionFile()).append("`) |\n");
		md.append("| Mode | ").append(r.mode()).append(" |\n");
		md.append("| Status | ").append(r.status()).append(" (").append(r.exitDescription()).append(") |\n");
		md.append("| Started | ").append(r.startedAt()).append(" |\n");
		md.append("| Duration | ").append(r.duration().toSeconds()).append(" s |\n");
		md.append("| New-group default | ").append(r.newGroupDefault()).append(" |\n\n");
		md.append("## Groups\n\n| | count |\n|---|---:|\n");
		md.append("| Unified groups read | ").append(r.groups()).append(" |\n");
		md.append("| Planned to change | ").append(r.change()).append(" |\n");
		md.append("| Skipped | ").append(r.skip()).append(" |\n");
		r.skippedByReason().forEach((reason, n) -> md.append("| &nbsp;&nbsp;skipped: ").append(reason).append(" | ")
			.append(n).append(" |\n"));
		md.append("| Updated | ").append(r.updated()).append(" |\n");
		md.append("| Gone (404) | ").append(r.notFound()).append(" |\n");
		md.append("| Failed | ").append(r.failed()).append(" |\n");
		md.append("| Not applied (").append("plan".equals(r.mode()) ? "dry run" : "pending").append(") | ")
			.append(r.pending()).append(" |\n\n");
		if (r.memberAudit().counted() > 0) {
			md.append("## Member-limit audit\n\n| | count |\n|---|---:|\n");
			md.append("| Written-back groups counted | ").append(r.memberAudit().counted()).append(" |\n");
			md.append("| Over 50,000 members (not written back by the default rule) | ").append(r.memberAudit().over50k())
				.append(" |\n");
			md.append("| Over 250,000 members (cannot be written back) | ").append(r.memberAudit().over250k())
				.append(" |\n\n");
		}
		md.append(ChangeControlSection.markdown(r.changeControl()));
		md.append("Every group, with its previous state, decision, reason and outcome: `groups.csv`.\n");
		return md.toString();
	}

	private void writeHtml(RunReport r, Path file) throws IOException {
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>writeback-batch run "
					+ r.runId() + "</title><style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
					+ "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}"
					+ "th{background:#f3f3f3}.n{text-align:right}.FAILED{color:#b00}.UPDATED{color:#070}</style></head><body>");
			out.write("<h1>writeback-batch run " + r.runId() + "</h1><table>");
			row(out, "Definition", r.definition() + " (" + r.definitionFile() + ")");
			row(out, "Mode", r.mode());
			row(out, "Status", r.status() + " (" + r.exitDescription() + ")");
			row(out, "Started", String.valueOf(r.startedAt()));
			row(out, "Duration", r.duration().toSeconds() + " s");
			row(out, "New-group default", r.newGroupDefault());
			out.write("</table><h2>Groups</h2><table>");
			row(out, "Unified groups read", Long.toString(r.groups()));
			row(out, "Planned to change", Long.toString(r.change()));
			row(out, "Skipped", Long.toString(r.skip()));
			for (Map.Entry<String, Long> e : r.skippedByReason().entrySet()) {
				row(out, "skipped: " + e.getKey(), Long.toString(e.getValue()));
			}
			row(out, "Updated", Long.toString(r.updated()));
			row(out, "Gone (404)", Long.toString(r.notFound()));
			row(out, "Failed", Long.toString(r.failed()));
			row(out, "Not applied", Long.toString(r.pending()));
			if (r.memberAudit().counted() > 0) {
				row(out, "Members counted (written-back groups)", Long.toString(r.memberAudit().counted()));
				row(out, "Over 50,000 members", Long.toString(r.memberAudit().over50k()));
				row(out, "Over 250,000 members", Long.toString(r.memberAudit().over250k()));
			}
			out.write("</table>");
			out.write(ChangeControlSection.html(r.changeControl()));
			out.write("<h2>Planned changes</h2><table><tr><th>Group</th><th>Id</th><th>Before</th><th>Change</th>"
					+ "<th>Outcome</th><th>Error</th></tr>");
			int[] rows = { 0 };
			staging.forEach(r.runId(), g -> {
				if (g.decision() != StagedGroup.Decision.CHANGE || rows[0]++ >= HTML_ROW_LIMIT) {
					return;
				}
				try {
					out.write("<tr><td>" + html(g.displayName()) + "</td><td>" + html(g.groupId()) + "</td><td>"
							+ html(EffectiveWriteback.describeRaw(g.previous())) + "</td><td>" + html(g.reason())
							+ "</td><td class=\"" + html(g.outcome()) + "\">" + html(g.outcome() == null ? "not applied" : g.outcome())
							+ "</td><td>" + html(g.errorCode() == null ? "" : g.errorCode() + ": " + g.errorMessage())
							+ "</td></tr>");
				}
				catch (IOException e) {
					throw new UncheckedIOException(e);
				}
			});
			out.write("</table>");
			if (rows[0] > HTML_ROW_LIMIT) {
				out.write("<p>" + (rows[0] - HTML_ROW_LIMIT) + " more changes are listed in groups.csv.</p>");
			}
			out.write("<p>Every group, including skipped ones with their reason: groups.csv.</p></body></html>\n");
		}
	}

	private static void row(BufferedWriter out, String name, String value) throws IOException {
		out.write("<tr><th>" + html(name) + "</th><td class=\"n\">" + html(value) + "</td></tr>");
	}

	static String html(String text) {
		if (text == null) {
			return "";
		}
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
			.replace("'", "&#39;");
	}

	static String csv(Object value) {
		if (value == null) {
			return "";
		}
		String text = value.toString();
		// a leading =, +, - or @ would be run as a formula by spreadsheet tools an admin opens this in
		if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		return text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
				? "\"" + text.replace("\"", "\"\"") + "\"" : text;
	}

	private static String name(Enum<?> value) {
		return value == null ? null : value.name();
	}

	private static Instant toInstant(LocalDateTime time) {
		return time == null ? null : time.atZone(java.time.ZoneId.systemDefault()).toInstant();
	}
}

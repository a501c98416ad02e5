package io.writebackbatch.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code reports/<run-id>/}: summary.json, summary.md, report.html and (outside
 * the job's groupsCsv step) groups.csv.
 */
@Component
public class ReportWriter {

	private final RunSummaries summaries;

	private final ReportViews views;

	private final HtmlReport html;

	private final GroupsCsvExport groupsCsv;

	private final ReportLocations locations;

	private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	ReportWriter(RunSummaries summaries, ReportViews views, HtmlReport html, GroupsCsvExport groupsCsv,
			ReportLocations locations) {
		this.summaries = summaries;
		this.views = views;
		this.html = html;
		this.groupsCsv = groupsCsv;
		this.locations = locations;
	}

	public Path directory(long runId) {
		return locations.directory(runId);
	}

	public RunReport summarize(JobExecution execution) {
		return summaries.summarize(execution, execution.getStatus());
	}

	/** summary.md of a run, as printed when it ends. */
	public String markdown(RunReport report) {
		return MarkdownReport.render(views.of(report, directory(report.runId())));
	}

	/**
	 * Writes all four files (groups.csv too) and returns the summary they hold: for a run
	 * that is not running.
	 */
	public RunReport write(JobExecution execution) {
		RunReport report = summarize(execution);
		groupsCsv.export(report.runId(), directory(report.runId()));
		return writeSummaries(report);
	}

	/**
	 * Writes summary.json, summary.md and report.html of a run that is about to end with
	 * {@code status}: the report step is the job's last, so when it runs the run
	 * completes with it (groups.csv was written by the step before).
	 */
	public RunReport write(JobExecution execution, BatchStatus status) {
		return writeSummaries(summaries.summarize(execution, status));
	}

	private RunReport writeSummaries(RunReport report) {
		Path dir = directory(report.runId());
		Path file = dir;
		try {
			Files.createDirectories(dir);
			file = dir.resolve("summary.json");
			Files.writeString(file, json.writeValueAsString(report), StandardCharsets.UTF_8);
			ReportView view = views.of(report, dir);
			file = dir.resolve("summary.md");
			Files.writeString(file, MarkdownReport.render(view), StandardCharsets.UTF_8);
			file = dir.resolve("report.html");
			try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
				html.write(view, out);
			}
		}
		catch (IOException e) {
			throw new ReportFileException(file, e);
		}
		return report;
	}

}

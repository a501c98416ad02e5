package io.writebackbatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.failure.Failures;
import io.writebackbatch.report.ReportWriter;
import io.writebackbatch.report.RunReport;
import io.writebackbatch.runs.RunParameters;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a run command prints when the run ends: the summary, where the report is, and what
 * to do next.
 */
final class RunOutput {

	private RunOutput() {
	}

	/**
	 * As {@link #finish(JobExecution, ReportWriter, PrintWriter, PrintWriter)}, to the
	 * command's own streams.
	 */
	static int finish(JobExecution execution, ConfigurableApplicationContext context, CommandSpec spec) {
		return finish(execution, context.getBean(ReportWriter.class), spec.commandLine().getOut(),
				spec.commandLine().getErr());
	}

	static int finish(JobExecution execution, ReportWriter reports, PrintWriter out, PrintWriter err) {
		RunReport report = reports.summarize(execution);
		Path html = reports.directory(report.runId()).resolve("report.html");
		if (StructuredConsole.on()) {
			logSummary(report, html);
		}
		else {
			out.println();
			out.print(reports.markdown(report));
			out.println("Report: " + html);
		}
		int code = (execution.getStatus() == BatchStatus.COMPLETED) ? FailureKind.SUCCESS_EXIT_CODE
				: Failures.ofRun(execution.getAllFailureExceptions()).exitCode();
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			String why = Failures.describe(execution.getAllFailureExceptions());
			err.println((code == FailureKind.INVALID_INPUT.exitCode() ? "error: "
					: "run " + report.runId() + " " + execution.getStatus() + ": ") + why);
			if (code == FailureKind.TRANSIENT.exitCode()) {
				Long rollbackOf = execution.getJobParameters().getLong(RunParameters.ROLLBACK_OF);
				err.println("continue it from its checkpoint with: "
						+ (rollbackOf != null ? "rollback --run " + rollbackOf + " --apply"
								: "resume --definition " + report.definitionFile()));
			}
		}
		return code;
	}

	/**
	 * The summary as one log event whose fields a log pipeline can query (the markdown is
	 * in the report).
	 */
	private static void logSummary(RunReport r, Path html) {
		LoggerFactory.getLogger(RunOutput.class)
			.atInfo()
			.addKeyValue("summary.status", r.status())
			.addKeyValue("summary.mode", r.mode())
			.addKeyValue("summary.groups", r.groups())
			.addKeyValue("summary.change", r.change())
			.addKeyValue("summary.skip", r.skip())
			.addKeyValue("summary.updated", r.updated())
			.addKeyValue("summary.not_found", r.notFound())
			.addKeyValue("summary.failed", r.failed())
			.addKeyValue("summary.pending", r.pending())
			.addKeyValue("summary.duration_seconds", r.duration().toSeconds())
			.addKeyValue("summary.report", html.toString())
			.log("run {} {} ({}): {} groups read, {} to change, {} updated, {} gone, {} failed, {} pending; report {}",
					r.runId(), r.status(), r.mode(), r.groups(), r.change(), r.updated(), r.notFound(), r.failed(),
					r.pending(), html);
	}

}

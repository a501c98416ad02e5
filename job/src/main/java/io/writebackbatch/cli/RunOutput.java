package io.writebackbatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import io.writebackbatch.apply.ApplyEstimate;
import io.writebackbatch.apply.ApplyProperties;
import io.writebackbatch.domain.RunMode;
import io.writebackbatch.graph.GraphProperties;
import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.failure.Failures;
import io.writebackbatch.ops.GracefulShutdown;
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
	 * Prints the summary to the command's own streams and returns the exit code.
	 */
	static int finish(JobExecution execution, ConfigurableApplicationContext context, CommandSpec spec) {
		boolean paused = context.getBean(GracefulShutdown.class).paused(execution);
		int code = finish(execution, context.getBean(ReportWriter.class), spec.commandLine().getOut(),
				spec.commandLine().getErr(), paused);
		if (code == FailureKind.SUCCESS_EXIT_CODE && !StructuredConsole.on()) {
			estimate(execution, context, spec);
		}
		return paused ? paused(execution, context, spec) : code;
	}

	/**
	 * After a plan: how long its apply will take (the first-run runbook's "how long").
	 */
	private static void estimate(JobExecution execution, ConfigurableApplicationContext context, CommandSpec spec) {
		RunReport report = context.getBean(ReportWriter.class).summarize(execution);
		if (report.mode().equalsIgnoreCase(RunMode.PLAN.parameterValue())) {
			spec.commandLine()
				.getOut()
				.println(ApplyEstimate
					.of(report.change(), context.getBean(ApplyProperties.class),
							context.getBean(GraphProperties.class).maxWritesPerSecond())
					.describe());
		}
	}

	/**
	 * A run that paused at {@code writeback.apply.max-duration}: what is left and how it
	 * continues. The CronJob's {@code scheduled} did its night's share (exit 0); a
	 * person's {@code apply} or {@code resume} learns that the run is not finished (exit
	 * 5).
	 */
	private static int paused(JobExecution execution, ConfigurableApplicationContext context, CommandSpec spec) {
		RunReport report = context.getBean(ReportWriter.class).summarize(execution);
		ApplyProperties apply = context.getBean(ApplyProperties.class);
		boolean scheduled = "scheduled".equals(spec.name());
		spec.commandLine()
			.getErr()
			.println("run " + report.runId() + " paused at writeback.apply.max-duration (" + apply.maxDurationText()
					+ ") with " + report.pending() + " changes left; "
					+ (scheduled ? "the next 'scheduled' continues it"
							: "continue it with: " + RunParameters.continuation(execution.getJobParameters())));
		return scheduled ? FailureKind.SUCCESS_EXIT_CODE : FailureKind.PAUSED.exitCode();
	}

	private static int finish(JobExecution execution, ReportWriter reports, PrintWriter out, PrintWriter err,
			boolean paused) {
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
		if (execution.getStatus() != BatchStatus.COMPLETED && !paused) {
			String why = Failures.describe(execution.getAllFailureExceptions());
			err.println((code == FailureKind.INVALID_INPUT.exitCode() ? "error: "
					: "run " + report.runId() + " " + execution.getStatus() + ": ") + why);
			if (code == FailureKind.TRANSIENT.exitCode()) {
				err.println("continue it from its checkpoint with: "
						+ RunParameters.continuation(execution.getJobParameters()));
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

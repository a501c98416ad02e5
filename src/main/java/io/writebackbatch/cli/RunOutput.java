package io.writebackbatch.cli;

import java.io.PrintWriter;

import io.writebackbatch.failure.Failures;
import io.writebackbatch.ops.ExitCodes;
import io.writebackbatch.report.ReportWriter;
import io.writebackbatch.report.RunReport;
import io.writebackbatch.runs.RunParameters;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/** What a run command prints when the run ends: the summary, where the report is, and what to do next. */
final class RunOutput {

	private RunOutput() {
	}

	static int finish(JobExecution execution, ReportWriter reports, PrintWriter out, PrintWriter err) {
		RunReport report = reports.summarize(execution);
		out.println();
		out.print(ReportWriter.markdown(report));
		out.println("Report: " + reports.directory(report.runId()).resolve("report.html"));
		int code = ExitCodes.of(execution);
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			String why = Failures.describe(execution.getAllFailureExceptions());
			err.println((code == ExitCodes.INVALID ? "error: " : "run " + report.runId() + " " + execution.getStatus()
					+ ": ") + why);
			if (code == ExitCodes.RESTARTABLE) {
				Long rollbackOf = execution.getJobParameters().getLong(RunParameters.ROLLBACK_OF);
				err.println("continue it from its checkpoint with: " + (rollbackOf != null
						? "rollback --run " + rollbackOf + " --apply" : "resume --definition " + report.definitionFile()));
			}
		}
		return code;
	}
}

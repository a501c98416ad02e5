package io.writebackbatch.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.writebackbatch.domain.Tenant;
import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.report.ReportWriter;
import io.writebackbatch.report.RunReport;
import io.writebackbatch.runs.RunKey;
import io.writebackbatch.runs.RunService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "runs", mixinStandardHelpOptions = true,
		description = "List recent runs with status, counts and duration, newest first.")
class RunsCommand implements Callable<Integer> {

	@Option(names = "--limit", defaultValue = "20", description = "How many runs to list (default ${DEFAULT-VALUE}).")
	int limit;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		if (limit < 1) {
			throw new ParameterException(spec.commandLine(),
					"--limit " + limit + " is not a number of runs: give 1 or more");
		}
		return SpringJob.run(spec.commandLine().getErr(), context -> {
			PrintWriter out = spec.commandLine().getOut();
			ReportWriter reports = context.getBean(ReportWriter.class);
			out.printf("%-6s %-24s %-6s %-10s %-20s %9s %8s %8s %8s %6s %8s  %s%n", "RUN", "DEFINITION", "MODE",
					"STATUS", "STARTED", "DURATION", "GROUPS", "CHANGE", "UPDATED", "FAILED", "PENDING", "TENANT");
			for (var execution : context.getBean(RunService.class).recentRuns(limit)) {
				RunReport r = reports.summarize(execution);
				out.printf("%-6d %-24s %-6s %-10s %-20s %9s %8d %8d %8d %6d %8d  %s%n", r.runId(),
						abbreviate(r.definition()), r.mode(), r.status(),
						r.startedAt() == null ? "-" : r.startedAt().toString().substring(0, 19), format(r.duration()),
						r.groups(), r.change(), r.updated(), r.failed(), r.pending(),
						RunKey.tenant(execution).map(Tenant::toString).orElse(RunKey.UNASSIGNED));
			}
			return FailureKind.SUCCESS_EXIT_CODE;
		});
	}

	private static String abbreviate(String text) {
		return text == null ? "-" : text.length() <= 24 ? text : text.substring(0, 23) + "…";
	}

	private static String format(Duration duration) {
		long s = duration.toSeconds();
		return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
				: String.format("%dm%02ds", s / 60, s % 60);
	}

}

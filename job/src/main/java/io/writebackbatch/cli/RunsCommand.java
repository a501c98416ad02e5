package io.writebackbatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import io.writebackbatch.definition.Fleet;
import io.writebackbatch.definition.FleetLoader;
import io.writebackbatch.domain.Tenant;
import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.fleet.FleetStatus;
import io.writebackbatch.report.ReportWriter;
import io.writebackbatch.report.RunReport;
import io.writebackbatch.runs.RunKey;
import io.writebackbatch.runs.RunService;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "runs", mixinStandardHelpOptions = true,
		description = "List recent runs with status, counts and duration, newest first; with --fleet, each tenant's "
				+ "latest runs.")
class RunsCommand implements Callable<Integer> {

	@Option(names = "--limit", defaultValue = "20", description = "How many runs to list (default ${DEFAULT-VALUE}).")
	int limit;

	@Option(names = "--fleet", paramLabel = "FILE",
			description = "Instead: each tenant of this fleet file (k8s/fleet/fleet.yaml) and definition, with its "
					+ "latest run (status, changed, failed, drift) and when its next full listing is due.")
	@Nullable Path fleet;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		if (limit < 1) {
			throw new ParameterException(spec.commandLine(),
					"--limit " + limit + " is not a number of runs: give 1 or more");
		}
		if (fleet != null) {
			Fleet tenants = new FleetLoader().load(fleet);
			return SpringJob.run(spec.commandLine().getErr(), context -> {
				printFleet(spec.commandLine().getOut(), context.getBean(FleetStatus.class).of(tenants));
				return FailureKind.SUCCESS_EXIT_CODE;
			});
		}
		return SpringJob.run(spec.commandLine().getErr(), context -> {
			PrintWriter out = spec.commandLine().getOut();
			ReportWriter reports = context.getBean(ReportWriter.class);
			out.printf("%-6s %-24s %-6s %-10s %-20s %9s %8s %8s %8s %6s %8s  %s%n", "RUN", "DEFINITION", "MODE",
					"STATUS", "STARTED", "DURATION", "GROUPS", "CHANGE", "UPDATED", "FAILED", "PENDING", "TENANT");
			boolean markedRunning = false;
			for (var execution : context.getBean(RunService.class).recentRuns(limit)) {
				RunReport r = reports.summarize(execution);
				markedRunning |= r.markedRunning();
				out.printf("%-6d %-24s %-6s %-10s %-20s %9s %8d %8d %8d %6d %8d  %s%s%n", r.runId(),
						abbreviate(r.definition()), r.mode(), r.status(), started(r), format(r.duration()), r.groups(),
						r.change(), r.updated(), r.failed(), r.pending(),
						RunKey.tenant(execution).map(Tenant::toString).orElse(RunKey.UNASSIGNED),
						r.wasUndoneByRollback() ? "  undone by rollback " + r.undoneByRollback() : "");
			}
			if (markedRunning) {
				out.println("STARTED: running, or its process was killed ('resume' or 'scheduled' recovers it)");
			}
			return FailureKind.SUCCESS_EXIT_CODE;
		});
	}

	private static void printFleet(PrintWriter out, List<FleetStatus.Line> lines) {
		String format = "%-20s %-24s %6s %-6s %-10s %-20s %8s %6s %6s  %-22s %s%n";
		out.printf(format, "TENANT", "DEFINITION", "RUN", "MODE", "STATUS", "STARTED", "CHANGED", "FAILED", "DRIFT",
				"NEXT FULL LISTING", "TENANT ID");
		for (FleetStatus.Line line : lines) {
			RunReport r = line.last();
			String tenant = abbreviate(line.member().name(), 20);
			String definition = abbreviate(line.definition().name(), 24);
			String next = line.nextFullListing().toString();
			String id = line.member().tenant().toString();
			if (r == null) {
				out.printf(format, tenant, definition, "-", "-", "NO RUNS", "-", "-", "-", "-", next, id);
				continue;
			}
			out.printf(format, tenant, definition, r.runId(), r.mode(), r.status(), started(r), r.updated(), r.failed(),
					line.drift() == null ? "-" : line.drift(), next, id);
		}
	}

	private static String started(RunReport r) {
		return r.startedAt() == null ? "-" : r.startedAt().toString().substring(0, 19);
	}

	private static String abbreviate(String text, int width) {
		return text.length() <= width ? text : text.substring(0, width - 1) + "…";
	}

	private static String abbreviate(String text) {
		return text == null ? "-" : abbreviate(text, 24);
	}

	private static String format(Duration duration) {
		long s = duration.toSeconds();
		return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
				: String.format("%dm%02ds", s / 60, s % 60);
	}

}

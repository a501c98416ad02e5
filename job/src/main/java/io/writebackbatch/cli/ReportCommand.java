package io.writebackbatch.cli;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;

import io.writebackbatch.definition.Fleet;
import io.writebackbatch.definition.FleetLoader;
import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.fleet.FleetReport;
import io.writebackbatch.report.ReportWriter;
import io.writebackbatch.runs.RunService;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "report", mixinStandardHelpOptions = true,
		description = "Write a run's report files again (reports/<run>/) and print its summary; or, with --fleet, "
				+ "one page of every tenant's latest runs (reports/fleet.html) linking to each run's report.")
class ReportCommand implements Callable<Integer> {

	@ArgGroup(exclusive = true, multiplicity = "1")
	Subject subject = new Subject();

	static class Subject {

		@Option(names = "--run", required = true, paramLabel = "ID", description = "Run id, as listed by 'runs'.")
		@Nullable Long runId;

		@Option(names = "--fleet", required = true, paramLabel = "FILE",
				description = "A fleet file (k8s/fleet/fleet.yaml): write the fleet report of its tenants.")
		@Nullable Path fleet;

	}

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		if (subject.fleet != null) {
			Fleet fleet = new FleetLoader().load(subject.fleet);
			return SpringJob.runJob(spec.commandLine().getErr(), context -> {
				Path page = context.getBean(FleetReport.class).write(fleet);
				spec.commandLine().getOut().println("Fleet report: " + page);
				return FailureKind.SUCCESS_EXIT_CODE;
			});
		}
		long runId = Objects.requireNonNull(subject.runId);
		return SpringJob.runJob(spec.commandLine().getErr(), context -> {
			var execution = context.getBean(RunService.class).requireExecution(runId);
			ReportWriter reports = context.getBean(ReportWriter.class);
			var report = reports.write(execution);
			spec.commandLine().getOut().print(reports.markdown(report));
			spec.commandLine().getOut().println("Report: " + reports.directory(runId).resolve("report.html"));
			return FailureKind.SUCCESS_EXIT_CODE;
		});
	}

}

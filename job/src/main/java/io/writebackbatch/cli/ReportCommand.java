package io.writebackbatch.cli;

import java.util.concurrent.Callable;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.report.ReportWriter;
import io.writebackbatch.runs.RunService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "report", mixinStandardHelpOptions = true,
		description = "Write a run's report files again (reports/<run>/) and print its summary.")
class ReportCommand implements Callable<Integer> {

	@Option(names = "--run", required = true, paramLabel = "ID", description = "Run id, as listed by 'runs'.")
	long runId;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
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

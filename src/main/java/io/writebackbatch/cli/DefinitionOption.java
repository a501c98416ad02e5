package io.writebackbatch.cli;

import java.nio.file.Path;

import io.writebackbatch.definition.JobDefinition;
import io.writebackbatch.definition.JobDefinitionLoader;
import io.writebackbatch.report.ReportWriter;
import io.writebackbatch.runs.RunService;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import org.springframework.batch.core.job.JobExecution;

/** The {@code --definition} option shared by the run commands, and how they run: load, start, print the outcome. */
class DefinitionOption {

	@Option(names = { "-d", "--definition" }, required = true, paramLabel = "FILE",
			description = "Job definition (YAML), e.g. jobs/disable-all.yaml")
	Path file;

	/** What a run command asks of the run service for the loaded definition. */
	interface RunRequest {

		JobExecution start(RunService runs, JobDefinition definition) throws Exception;
	}

	/** Loads the definition (before Spring starts, so a bad file fails fast), runs the request, reports the outcome. */
	int run(CommandSpec spec, RunRequest request) {
		JobDefinition definition = new JobDefinitionLoader().load(file);
		return SpringJob.runJob(spec.commandLine().getErr(),
				context -> RunOutput.finish(request.start(context.getBean(RunService.class), definition),
						context.getBean(ReportWriter.class), spec.commandLine().getOut(), spec.commandLine().getErr()));
	}
}

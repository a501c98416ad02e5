package io.writebackbatch.cli;

import java.nio.file.Path;

import io.writebackbatch.definition.JobDefinition;
import io.writebackbatch.definition.JobDefinitionLoader;
import io.writebackbatch.runs.RunService;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import org.springframework.batch.core.job.JobExecution;

/**
 * The {@code --definition} option shared by the run commands, and how they run: load,
 * start, print the outcome.
 */
class DefinitionOption {

	@Option(names = { "-d", "--definition" }, required = true, paramLabel = "FILE",
			description = "Job definition (YAML), e.g. jobs/disable-all.yaml")
	Path file;

	@Mixin
	SignInOption signIn;

	/** What a run command asks of the run service for the loaded definition. */
	interface RunRequest {

		JobExecution start(RunService runs, JobDefinition definition) throws Exception;

	}

	/**
	 * Loads the definition (before Spring starts, so a bad file fails fast), runs the
	 * request, reports the outcome.
	 */
	int run(CommandSpec spec, RunRequest request) {
		return run(spec, request, false);
	}

	/**
	 * As {@link #run(CommandSpec, RunRequest)}; {@code scheduled} also prunes old runs
	 * after a completed run.
	 */
	int run(CommandSpec spec, RunRequest request, boolean scheduled) {
		JobDefinition definition = new JobDefinitionLoader().load(file);
		// only plan reads; apply, resume and scheduled write
		boolean writes = !"plan".equals(spec.name());
		String[] springArguments = SpringJob.naming(spec, signIn.springArguments(writes, definition));
		return SpringJob.runJob(spec.commandLine().getErr(), springArguments, context -> {
			int code = RunOutput.finish(request.start(context.getBean(RunService.class), definition), context, spec);
			return SpringJob.afterRun(context, code, scheduled);
		});
	}

}

package io.writebackbatch.cli;

import io.writebackbatch.definition.JobDefinition;
import io.writebackbatch.runs.RunService;
import picocli.CommandLine.Command;

import org.springframework.batch.core.job.JobExecution;

@Command(name = "resume", mixinStandardHelpOptions = true,
		description = "Continue the definition's last FAILED or STOPPED run from its last checkpoint: no group is "
				+ "listed, decided or patched again except the requests in flight when it stopped.")
class ResumeCommand extends DefinitionCommand {

	@Override
	JobExecution start(RunService runs, JobDefinition loaded) throws Exception {
		return runs.resume(loaded);
	}

}

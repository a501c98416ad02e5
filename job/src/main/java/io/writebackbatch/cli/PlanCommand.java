package io.writebackbatch.cli;

import io.writebackbatch.definition.JobDefinition;
import io.writebackbatch.domain.RunMode;
import io.writebackbatch.runs.RunService;
import picocli.CommandLine.Command;

import org.springframework.batch.core.job.JobExecution;

@Command(name = "plan", mixinStandardHelpOptions = true,
		description = "Dry run: list every unified group, decide what would change and why, write the report. "
				+ "Changes nothing in the tenant. Needs Group.Read.All.")
class PlanCommand extends DefinitionCommand {

	@Override
	JobExecution start(RunService runs, JobDefinition loaded) throws Exception {
		return runs.start(loaded, RunMode.PLAN, false);
	}

}

package io.writebackbatch.cli;

import java.util.concurrent.Callable;

import io.writebackbatch.definition.JobDefinition;
import io.writebackbatch.runs.RunService;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.springframework.batch.core.job.JobExecution;

/**
 * A command that runs the job for the definition given with {@code --definition}: plan,
 * resume and scheduled.
 */
abstract class DefinitionCommand implements Callable<Integer> {

	@Mixin
	DefinitionOption definition;

	@Spec
	CommandSpec spec;

	/** What this command asks of the run service for the loaded definition. */
	abstract JobExecution start(RunService runs, JobDefinition loaded) throws Exception;

	/** Whether old runs are pruned after a completed run ({@code scheduled}). */
	boolean prunesAfterwards() {
		return false;
	}

	@Override
	public Integer call() {
		return definition.run(spec, this::start, prunesAfterwards());
	}

}

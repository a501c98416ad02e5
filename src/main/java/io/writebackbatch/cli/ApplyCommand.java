package io.writebackbatch.cli;

import java.util.concurrent.Callable;

import io.writebackbatch.runs.RunService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "apply", mixinStandardHelpOptions = true,
		description = "Plan as 'plan' does, then apply the planned writeback changes. Refuses when the plan exceeds "
				+ "the definition's maxChanges, and when the last run of the definition failed (use 'resume'). "
				+ "Needs Group.ReadWrite.All.")
class ApplyCommand implements Callable<Integer> {

	@Mixin
	DefinitionOption definition;

	@Option(names = "--new-run", description = "Abandon an unfinished run of this definition and start over.")
	boolean newRun;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		return definition.run(spec, (runs, loaded) -> runs.start(loaded, RunService.Mode.APPLY, newRun));
	}
}

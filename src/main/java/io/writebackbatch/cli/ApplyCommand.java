package io.writebackbatch.cli;

import java.util.concurrent.Callable;

import io.writebackbatch.runs.RunService;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "apply", mixinStandardHelpOptions = true,
		description = "Plan as 'plan' does, then apply the planned writeback changes. Refuses when the plan exceeds "
				+ "the definition's maxChanges, and when the last run of the definition did not finish (use 'resume', or "
				+ "--resume-unfinished). "
				+ "Needs Group.ReadWrite.All.")
class ApplyCommand implements Callable<Integer> {

	@Mixin
	DefinitionOption definition;

	@ArgGroup(exclusive = true)
	Unfinished unfinished = new Unfinished();

	/** What to do when the definition's last run did not finish; without either option, refuse. */
	static class Unfinished {

		@Option(names = "--new-run", description = "Abandon an unfinished run of this definition and start over.")
		boolean newRun;

		@Option(names = "--resume-unfinished",
				description = "Continue an unfinished run of this definition (same content) from its checkpoint instead "
						+ "of refusing; otherwise start a new run. For a Kubernetes Job, whose replacement pod after an "
						+ "eviction runs the same command again.")
		boolean resume;
	}

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		// resuming an unfinished run or else starting one is what `scheduled` does: one rule, not two
		return definition.run(spec, (runs, loaded) -> unfinished.resume ? runs.scheduled(loaded)
				: runs.start(loaded, RunService.Mode.APPLY, unfinished.newRun));
	}
}

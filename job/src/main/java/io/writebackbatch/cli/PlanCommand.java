package io.writebackbatch.cli;

import java.util.concurrent.Callable;

import io.writebackbatch.domain.RunMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "plan", mixinStandardHelpOptions = true,
		description = "Dry run: list every unified group, decide what would change and why, write the report. "
				+ "Changes nothing in the tenant. Needs Group.Read.All.")
class PlanCommand implements Callable<Integer> {

	@Mixin
	DefinitionOption definition;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		return definition.run(spec, (runs, loaded) -> runs.start(loaded, RunMode.PLAN, false));
	}
}

package io.writebackbatch.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "resume", mixinStandardHelpOptions = true,
		description = "Continue the definition's last FAILED or STOPPED run from its last checkpoint: no group is "
				+ "listed, decided or patched again except the requests in flight when it stopped.")
class ResumeCommand implements Callable<Integer> {

	@Mixin
	DefinitionOption definition;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		return definition.run(spec, (runs, loaded) -> runs.resume(loaded));
	}
}

package io.writebackbatch.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "scheduled", mixinStandardHelpOptions = true,
		description = "For a CronJob: resume the definition's last FAILED or STOPPED run if there is one (recovering "
				+ "one left STARTED by a killed pod), otherwise start a new apply run. Refused (exit 4) while another "
				+ "run of the definition is live. After a completed run, old runs are pruned "
				+ "(see 'prune'; writeback.retention.after-scheduled, on by default).")
class ScheduledCommand implements Callable<Integer> {

	@Mixin
	DefinitionOption definition;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		return definition.run(spec, (runs, loaded) -> runs.scheduled(loaded), true);
	}
}

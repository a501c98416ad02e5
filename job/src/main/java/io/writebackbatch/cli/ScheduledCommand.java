package io.writebackbatch.cli;

import io.writebackbatch.definition.JobDefinition;
import io.writebackbatch.runs.RunService;
import picocli.CommandLine.Command;

import org.springframework.batch.core.job.JobExecution;

@Command(name = "scheduled", mixinStandardHelpOptions = true,
		description = "For a CronJob: resume the definition's last FAILED or STOPPED run if there is one (recovering "
				+ "one left STARTED by a killed pod), otherwise start a new apply run. Refused (exit 4) while another "
				+ "run of the definition is live. After a completed run, old runs are pruned "
				+ "(see 'prune'; writeback.retention.after-scheduled, on by default). An apply that reaches "
				+ "writeback.apply.max-duration pauses at a chunk boundary and exits 0: the next 'scheduled' "
				+ "continues it (a first run spanning nights).")
class ScheduledCommand extends DefinitionCommand {

	@Override
	JobExecution start(RunService runs, JobDefinition loaded) throws Exception {
		return runs.scheduled(loaded);
	}

	@Override
	boolean prunesAfterwards() {
		return true;
	}

}

package io.writebackbatch.cli;

import io.writebackbatch.domain.RunMode;
import io.writebackbatch.runs.RunService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rollback", mixinStandardHelpOptions = true,
		description = "Undo a run: plan restoring every group it changed (and the new-group default) to its previous "
				+ "effective state, as a dry run; with --apply, apply that plan with the same batching, checkpoints and "
				+ "report as any run (an unfinished rollback is resumed). Groups changed by someone else since are "
				+ "conflicts, left alone unless --force.")
class RollbackCommand extends SignedInCommand {

	@Option(names = "--run", required = true, paramLabel = "ID", description = "The run to undo, as listed by 'runs'.")
	long runId;

	@Option(names = "--apply", description = "Apply the rollback (default: dry run).")
	boolean apply;

	@Option(names = "--force",
			description = "Also restore groups and the setting changed by someone else since the run.")
	boolean force;

	@Override
	public Integer call() {
		// the undone run may have changed the new-group default, which rollback restores
		return runRecorded(apply, runs -> runs.rollback(runId, apply ? RunMode.APPLY : RunMode.PLAN, force));
	}

}

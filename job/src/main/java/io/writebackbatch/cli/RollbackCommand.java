package io.writebackbatch.cli;

import java.util.concurrent.Callable;

import io.writebackbatch.domain.RunMode;
import io.writebackbatch.graph.signin.DelegatedPermission;
import io.writebackbatch.report.ReportWriter;
import io.writebackbatch.runs.RunService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "rollback", mixinStandardHelpOptions = true,
		description = "Undo a run: plan restoring every group it changed (and the new-group default) to its previous "
				+ "effective state, as a dry run; with --apply, apply that plan with the same batching, checkpoints and "
				+ "report as any run (an unfinished rollback is resumed). Groups changed by someone else since are "
				+ "conflicts, left alone unless --force.")
class RollbackCommand implements Callable<Integer> {

	@Option(names = "--run", required = true, paramLabel = "ID", description = "The run to undo, as listed by 'runs'.")
	long runId;

	@Option(names = "--apply", description = "Apply the rollback (default: dry run).")
	boolean apply;

	@Option(names = "--force", description = "Also restore groups and the setting changed by someone else since the run.")
	boolean force;

	@Mixin
	SignInOption signIn;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		// the undone run may have changed the new-group default, which rollback restores
		return SpringJob.runJob(spec.commandLine().getErr(),
				signIn.springArguments(DelegatedPermission.forRun(apply, true)), context -> RunOutput.finish(
				context.getBean(RunService.class).rollback(runId, apply ? RunMode.APPLY : RunMode.PLAN, force),
				context.getBean(ReportWriter.class), spec.commandLine().getOut(), spec.commandLine().getErr()));
	}
}

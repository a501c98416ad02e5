package io.writebackbatch.cli;

import java.util.concurrent.Callable;

import io.writebackbatch.graph.signin.DelegatedPermission;
import io.writebackbatch.runs.RunService;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.springframework.batch.core.job.JobExecution;

/** A run command with the {@code --sign-in} option: apply and rollback. */
abstract class SignedInCommand implements Callable<Integer> {

	@Mixin
	SignInOption signIn;

	@Spec
	CommandSpec spec;

	/**
	 * What the command asks of the run service for a run the job repository already
	 * knows.
	 */
	interface RecordedRun {

		JobExecution start(RunService runs) throws Exception;

	}

	/**
	 * Runs the job for a run whose definition is in the job repository, not on the
	 * command line (a plan to carry out, a run to undo), so it asks for the permissions
	 * such a run may need, the new-group default's included.
	 */
	int runRecorded(boolean writes, RecordedRun run) {
		return SpringJob.runJob(spec.commandLine().getErr(),
				SpringJob.naming(spec, signIn.springArguments(DelegatedPermission.forRun(writes, true))),
				context -> RunOutput.finish(run.start(context.getBean(RunService.class)), context, spec));
	}

}

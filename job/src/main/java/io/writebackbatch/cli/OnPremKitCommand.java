package io.writebackbatch.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.domain.Outcome;
import io.writebackbatch.onprem.DisabledGroup;
import io.writebackbatch.onprem.OnPremKitRequest;
import io.writebackbatch.onprem.OnPremKitWriter;
import io.writebackbatch.runs.RunParameters;
import io.writebackbatch.runs.RunService;
import io.writebackbatch.staging.StagingRepository;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "onprem-kit", mixinStandardHelpOptions = true,
		description = "Write a reviewable folder for the on-premises steps (Entra Connect delete rule, member-limit "
				+ "rule, AD Recycle Bin check) with the groups the run disabled. Scripts are dry runs unless -Execute.")
class OnPremKitCommand implements Callable<Integer> {

	@Option(names = "--run", required = true, paramLabel = "ID", description = "Run id, as listed by 'runs'.")
	long runId;

	@Option(names = "--precedence", defaultValue = "50",
			description = "Precedence of the new sync rule, unique, 0-99 (default ${DEFAULT-VALUE}).")
	int precedence;

	@Option(names = "--lift-member-limit",
			description = "Also prepare disabling the 50,000-member writeback limit rule.")
	boolean liftMemberLimit;

	@Option(names = "--out", paramLabel = "DIR", description = "Output folder (default onprem-kit/<run>).")
	@Nullable Path out;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		if (precedence < OnPremKitRequest.MIN_PRECEDENCE || precedence > OnPremKitRequest.MAX_PRECEDENCE) {
			throw new ParameterException(spec.commandLine(),
					"--precedence must be between " + OnPremKitRequest.MIN_PRECEDENCE + " and "
							+ OnPremKitRequest.MAX_PRECEDENCE + " (100 and above belong to Entra Connect's built-in "
							+ "sync rules), and unique on the Entra Connect server; was " + precedence);
		}
		return SpringJob.run(spec.commandLine().getErr(), context -> {
			var execution = context.getBean(RunService.class).requireFinishedApply(runId, "on-premises kit");
			List<DisabledGroup> disabled = new ArrayList<>();
			context.getBean(StagingRepository.class).forEach(runId, g -> {
				if (g.outcome() == Outcome.UPDATED && g.target() != null
						&& Boolean.FALSE.equals(g.target().isEnabled())) {
					disabled.add(new DisabledGroup(g.groupId(), g.displayName(),
							Objects.requireNonNullElse(g.previous().onPremisesGroupType(), "")));
				}
			});
			Path folder = out != null ? out : Path.of("onprem-kit", Long.toString(runId));
			String definition = execution.getJobParameters().getString(RunParameters.DEFINITION_NAME);
			List<Path> files = new OnPremKitWriter()
				.write(new OnPremKitRequest(runId, definition, folder, precedence, liftMemberLimit, disabled));
			spec.commandLine()
				.getOut()
				.println("On-premises kit for run " + runId + " (" + disabled.size() + " groups disabled) written to "
						+ folder.toAbsolutePath() + ":");
			files.forEach(f -> spec.commandLine().getOut().println("  " + f.getFileName()));
			return FailureKind.SUCCESS_EXIT_CODE;
		});
	}

}

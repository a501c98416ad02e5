package io.writebackbatch.cli;

import java.nio.file.Path;
import java.util.Objects;

import io.writebackbatch.domain.RunMode;
import io.writebackbatch.runs.RunService;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "apply", mixinStandardHelpOptions = true,
		description = "Plan as 'plan' does, then apply the planned writeback changes; or, with --plan, carry out "
				+ "exactly the change set of a reviewed plan run. Refuses when the plan exceeds the definition's "
				+ "maxChanges, and when the last run of the definition did not finish (use 'resume', or "
				+ "--resume-unfinished). With writeback.apply.max-duration set, pauses at a chunk boundary once it "
				+ "has worked that long (exit 5; 'resume' continues). Needs Group.ReadWrite.All.")
class ApplyCommand extends SignedInCommand {

	// not the shared DefinitionOption mixin: here --definition and --plan exclude each
	// other
	@Option(names = { "-d", "--definition" }, paramLabel = "FILE",
			description = "Job definition (YAML), e.g. jobs/disable-all.yaml: plan and apply in one run")
	@Nullable Path definitionFile;

	@ArgGroup(exclusive = true)
	Unfinished unfinished = new Unfinished();

	/**
	 * What to do when the definition's last run did not finish; without either option,
	 * refuse.
	 */
	static class Unfinished {

		@Option(names = "--new-run",
				description = "Start a new run: abandon an unfinished run of this definition, or apply it again after its last apply was rolled back.")
		boolean newRun;

		@Option(names = "--resume-unfinished",
				description = "Continue an unfinished run of this definition (same content) from its checkpoint instead "
						+ "of refusing; otherwise start a new run. For a Kubernetes Job, whose replacement pod after an "
						+ "eviction runs the same command again.")
		boolean resume;

	}

	@Option(names = "--plan", paramLabel = "RUN-ID",
			description = "Apply exactly the change set of this plan run (as printed by 'plan'); planned groups changed "
					+ "or deleted since are reported and left alone.")
	@Nullable Long planRunId;

	@Option(names = "--digest", paramLabel = "HEX",
			description = "With --plan: the plan's digest as approved; the apply is refused if it does not match.")
	@Nullable String digest;

	@Option(names = "--force", description = "With --plan: also give groups changed since the plan the planned state.")
	boolean force;

	@Override
	public Integer call() {
		Long plan = planRunId;
		Path file = definitionFile;
		if ((file == null) == (plan == null)) {
			throw new ParameterException(spec.commandLine(), "give either --definition FILE or --plan RUN-ID");
		}
		if (plan == null) {
			if (digest != null || force) {
				throw new ParameterException(spec.commandLine(), "--digest and --force need --plan RUN-ID");
			}
			DefinitionOption definition = new DefinitionOption();
			definition.file = Objects.requireNonNull(file, "checked above: exactly one of them");
			definition.signIn = signIn;
			// resuming an unfinished run or else starting one is what `scheduled` does:
			// one rule, not two
			return definition.run(spec, (runs, loaded) -> unfinished.resume ? runs.scheduled(loaded)
					: runs.start(loaded, RunMode.APPLY, unfinished.newRun));
		}
		if (unfinished.newRun || unfinished.resume) {
			throw new ParameterException(spec.commandLine(),
					"--new-run and --resume-unfinished do not apply to --plan");
		}
		return runRecorded(true, runs -> runs.applyPlan(plan, digest, force));
	}

}

package io.writebackbatch.cli;

import java.io.PrintWriter;
import java.util.Map;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.failure.Failures;

import org.slf4j.event.Level;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code java -jar writeback-batch.jar <command> --help}. */
@Command(name = "writeback-batch", mixinStandardHelpOptions = true, version = "writeback-batch 0.1.0",
		description = "Review and change Microsoft Entra Connect group writeback on Microsoft 365 groups, safely and "
				+ "restartably.%n",
		subcommands = { PlanCommand.class, ApplyCommand.class, ResumeCommand.class, ScheduledCommand.class,
				RollbackCommand.class, RunsCommand.class, PruneCommand.class, AssignTenantCommand.class,
				CheckCommand.class, ReportCommand.class, OnPremKitCommand.class, SimulateCommand.class,
				DemoCommand.class },
		exitCodeListHeading = "%nExit codes:%n")
public class WritebackCli implements Runnable {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		throw new CommandLine.ParameterException(spec.commandLine(),
				"name a command, e.g. 'plan --definition jobs/disable-all.yaml'");
	}

	/** As {@link Main#main}, for those who start the CLI by this class's name. */
	public static void main(String[] args) {
		Main.main(args);
	}

	public static int execute(String... args) {
		if (StructuredConsole.on()) {
			try {
				StructuredConsole.initializeLogging();
			}
			catch (RuntimeException e) {
				// no structured console to report it on: plain words, before any command
				new PrintWriter(System.err, true).println("error: structured logs cannot be set up "
						+ "(logging.structured.format.console, LOGGING_STRUCTURED_FORMAT_CONSOLE): "
						+ Failures.classify(e).message() + "; give ecs, gelf or logstash, or unset it for plain lines");
				return FailureKind.INVALID_INPUT.exitCode();
			}
			return execute(StructuredConsole.events(Level.INFO), operatorErrors(), args);
		}
		return execute(new PrintWriter(System.out, true), operatorErrors(), args);
	}

	/**
	 * Where messages for the operator go outside a command: standard error, or error
	 * events with structured logs.
	 */
	static PrintWriter operatorErrors() {
		return StructuredConsole.on() ? StructuredConsole.events(Level.ERROR) : new PrintWriter(System.err, true);
	}

	/**
	 * Runs a command printing to {@code out} and {@code err}: in plain mode through
	 * {@link TerminalText}, so no control character from a name reaches the terminal;
	 * structured, the events keep the raw text (JSON escapes it).
	 */
	public static int execute(PrintWriter out, PrintWriter err, String... args) {
		return execute(out, err, Map.of(), args);
	}

	/**
	 * As {@link #execute(PrintWriter, PrintWriter, String...)}, with Spring settings for
	 * this command only, ranked as system properties are: commands on several threads of
	 * one JVM each see their own.
	 */
	public static int execute(PrintWriter out, PrintWriter err, Map<String, String> settings, String... args) {
		return InvocationSettings.with(settings, () -> executeHere(out, err, args));
	}

	/**
	 * The command line with its help complete: the exit codes come from
	 * {@link FailureKind}, the one place that numbers them.
	 */
	public static CommandLine commandLine() {
		CommandLine commandLine = new CommandLine(new WritebackCli());
		commandLine.getCommandSpec().usageMessage().exitCodeList(FailureKind.exitCodeMeanings());
		return commandLine;
	}

	private static int executeHere(PrintWriter out, PrintWriter err, String... args) {
		boolean plain = !StructuredConsole.on();
		CommandLine commandLine = commandLine().setOut(plain ? TerminalText.printWriter(out) : out)
			.setErr(plain ? TerminalText.printWriter(err) : err);
		commandLine.setParameterExceptionHandler((e, arguments) -> {
			CommandLine command = e.getCommandLine();
			// picocli's own messages may already start with "Error: "
			command.getErr().println("error: " + String.valueOf(e.getMessage()).replaceFirst("^Error: ", ""));
			CommandLine.UnmatchedArgumentException.printSuggestions(e, command.getErr());
			command.getErr().println("see '" + command.getCommandSpec().qualifiedName() + " --help' for the options");
			return command.getCommandSpec().exitCodeOnInvalidInput();
		});
		commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> SpringJob.report(cmd.getErr(), e));
		return commandLine.execute(args);
	}

}

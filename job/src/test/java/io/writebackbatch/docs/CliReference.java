package io.writebackbatch.docs;

import io.writebackbatch.cli.WritebackCli;
import picocli.CommandLine;

/**
 * docs/reference/cli.md: picocli's own usage message of the CLI and of every command, as
 * {@code --help} prints it.
 */
final class CliReference {

	private static final int WIDTH = 120;

	private CliReference() {
	}

	static String render() {
		CommandLine cli = WritebackCli.commandLine().setUsageHelpWidth(WIDTH);
		StringBuilder page = new StringBuilder(
				ReferencePage.header("CLI reference",
						"Every command's `--help`, as picocli prints it. How the commands fit together: the "
								+ "[README](../../README.md#commands) and the [guides](../guide/README.md).",
						"CliReference"));
		page.append("Commands:");
		cli.getSubcommands()
			.keySet()
			.forEach(name -> page.append(" [`").append(name).append("`](#writeback-batch-").append(name).append(')'));
		page.append(".\n\n");
		usage(page, "writeback-batch", cli);
		return page.toString();
	}

	private static void usage(StringBuilder page, String name, CommandLine command) {
		page.append("## ")
			.append(name)
			.append("\n\n```text\n")
			.append(command.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing())
			.append("\n```\n\n");
		command.getSubcommands().forEach((sub, c) -> usage(page, name + " " + sub, c));
	}

}

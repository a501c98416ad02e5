package io.writebackbatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.definition.JobDefinition;
import io.writebackbatch.definition.JobDefinitionLoader;
import io.writebackbatch.fleet.CheckLine;
import io.writebackbatch.fleet.TenantCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "check", mixinStandardHelpOptions = true,
		description = "Prove this deployment's tenant without writing anything: the credential gives a token, the "
				+ "token is for the declared tenant and cloud (WRITEBACK_TENANT_ID, WRITEBACK_TENANT_CLOUD), it carries "
				+ "the permissions each definition needs, Graph answers, and how long a first apply would take. Exit 0 "
				+ "when all hold, else the exit code of the first that failed.")
class CheckCommand implements Callable<Integer> {

	@Option(names = { "-d", "--definition" }, required = true, paramLabel = "FILE",
			description = "A job definition this tenant runs (repeat for each).")
	List<Path> files;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		JobDefinitionLoader loader = new JobDefinitionLoader();
		List<JobDefinition> definitions = files.stream().map(loader::load).toList();
		return SpringJob.run(spec.commandLine().getErr(), context -> {
			List<CheckLine> lines = context.getBean(TenantCheck.class).check(definitions);
			PrintWriter out = spec.commandLine().getOut();
			for (CheckLine line : lines) {
				out.printf("%-5s %-36s %s%n", line.passed() ? "ok" : "FAIL", line.what(), line.detail());
			}
			return lines.stream()
				.filter(line -> !line.passed())
				.findFirst()
				.map(line -> Objects.requireNonNull(line.failure()).exitCode())
				.orElse(FailureKind.SUCCESS_EXIT_CODE);
		});
	}

}

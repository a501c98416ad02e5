package io.writebackbatch.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;

import io.writebackbatch.domain.TenantId;
import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.ops.RepositoryCompaction;
import io.writebackbatch.retention.PruneService;
import io.writebackbatch.retention.RetentionProperties;
import io.writebackbatch.retention.RunVerdict;
import io.writebackbatch.runs.RunRefusedException;
import io.writebackbatch.runs.RunTenant;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "prune", mixinStandardHelpOptions = true,
		description = "Remove the staging rows, report folders and job-repository records of old runs (dry run unless "
				+ "--apply). Always kept: each definition's newest run, runs in progress, the newest applies of each "
				+ "definition (a rollback reads them) and runs whose rollback is unfinished. Defaults: "
				+ "writeback.retention.* (WRITEBACK_RETENTION_*).")
class PruneCommand implements Callable<Integer> {

	@Option(names = "--older-than", paramLabel = "AGE", converter = DurationSettings.OptionValue.class,
			description = "Prune runs that ended longer ago than this, e.g. 14d, 36h (default writeback.retention.max-age, 14d).")
	@Nullable Duration olderThan;

	@Option(names = "--keep-runs", paramLabel = "N",
			description = "Prune runs beyond the newest N of each definition (default writeback.retention.keep-runs, 14).")
	@Nullable Integer keepRuns;

	@Option(names = "--keep-applies", paramLabel = "N",
			description = "Never prune the newest N applies of each definition, which a rollback needs (default "
					+ "writeback.retention.keep-applies, 3; at least 1).")
	@Nullable Integer keepApplies;

	@Option(names = "--apply", description = "Delete for real; without it, only list what would be deleted.")
	boolean apply;

	@Option(names = "--tenant", paramLabel = "TENANT_ID",
			description = "Prune the runs of this tenant only (default writeback.tenant.id, else the repository's only "
					+ "tenant). Another tenant's runs are never counted nor touched.")
	@Nullable String tenant;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		if (keepRuns != null && keepRuns < 0) {
			throw new ParameterException(spec.commandLine(),
					"--keep-runs " + keepRuns + " is not a number of runs: give 0 "
							+ "or more (each definition's newest run is kept whatever it is)");
		}
		if (olderThan != null && olderThan.isNegative()) {
			throw new ParameterException(spec.commandLine(),
					"--older-than " + olderThan + " is negative: give an age such " + "as 14d or 36h");
		}
		if (keepApplies != null && keepApplies < 1) {
			spec.commandLine()
				.getErr()
				.println("refused: --keep-applies " + keepApplies + " would delete the previous "
						+ "states every rollback reads; keep at least the newest apply of each definition (1 or more)");
			return FailureKind.INVALID_INPUT.exitCode();
		}
		return SpringJob.run(spec.commandLine().getErr(), context -> {
			RetentionProperties defaults = context.getBean(RetentionProperties.class);
			RetentionProperties limits = new RetentionProperties(olderThan != null ? olderThan : defaults.maxAge(),
					keepRuns != null ? keepRuns : defaults.keepRuns(),
					keepApplies != null ? keepApplies : defaults.keepApplies(), defaults.afterScheduled());
			PruneService prune = context.getBean(PruneService.class);
			List<RunVerdict> verdicts;
			try {
				TenantId declared = context.getBean(RunTenant.class).declaredId();
				TenantId scope = tenant != null ? new TenantId(tenant)
						: declared != null ? declared : onlyTenant(prune.tenants());
				verdicts = scope == null ? List.of() : apply ? prune.prune(limits, LocalDateTime.now(), scope)
						: prune.plan(limits, LocalDateTime.now(), scope);
			}
			catch (IllegalArgumentException e) {
				throw new RunRefusedException(FailureKind.INVALID_INPUT,
						Objects.requireNonNullElse(e.getMessage(), e.toString()));
			}
			print(verdicts, spec.commandLine().getOut());
			if (apply) {
				context.getBean(RepositoryCompaction.class).compactAndClose();
			}
			return FailureKind.SUCCESS_EXIT_CODE;
		});
	}

	/**
	 * The tenant of a repository that holds one tenant's runs; null when it holds none.
	 */
	private static @Nullable TenantId onlyTenant(Set<TenantId> tenants) {
		if (tenants.size() <= 1) {
			return tenants.stream().findFirst().orElse(null);
		}
		throw new RunRefusedException(FailureKind.INVALID_INPUT, "the job repository holds the runs of "
				+ tenants.size() + " tenants ("
				+ tenants.stream().map(TenantId::value).collect(Collectors.joining(", "))
				+ "): name the one to prune with --tenant (or WRITEBACK_TENANT_ID); retention never mixes tenants");
	}

	private void print(List<RunVerdict> verdicts, PrintWriter out) {
		out.printf("%-6s %-24s %-6s %-10s %-19s %9s  %-6s %s%n", "RUN", "DEFINITION", "MODE", "STATUS", "ENDED", "ROWS",
				"ACTION", "WHY");
		long runs = 0, rows = 0;
		for (RunVerdict v : verdicts) {
			out.printf("%-6d %-24s %-6s %-10s %-19s %9d  %-6s %s%n", v.runId(), abbreviate(v.definition()), v.mode(),
					v.status(), v.endedAt() == null ? "-" : v.endedAt().withNano(0).toString().replace('T', ' '),
					v.stagedGroups(), v.prune() ? (apply ? "PRUNED" : "PRUNE") : "keep", v.why());
			if (v.prune()) {
				runs++;
				rows += v.stagedGroups();
			}
		}
		out.println(apply
				? String.format("pruned %d runs (%d staging rows, their report folders and metadata)", runs, rows)
				: String.format("dry run: would prune %d runs (%d staging rows, their report folders and metadata); "
						+ "run again with --apply to delete them", runs, rows));
	}

	private static String abbreviate(String text) {
		return text == null ? "-" : text.length() <= 24 ? text : text.substring(0, 23) + "…";
	}

}

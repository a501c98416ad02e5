package io.writebackbatch.cli;

import java.util.concurrent.Callable;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.domain.Cloud;
import io.writebackbatch.domain.Tenant;
import io.writebackbatch.domain.TenantId;
import io.writebackbatch.runs.RunRefusedException;
import io.writebackbatch.staging.RunTenants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "assign-tenant", mixinStandardHelpOptions = true,
		description = "Name the tenant of the runs recorded before runs had a tenant (a job repository that served one "
				+ "tenant), so they can be resumed, rolled back and pruned again. Nothing is guessed: until then, every "
				+ "command that works with runs refuses. Runs that have a tenant are left as they are.")
class AssignTenantCommand implements Callable<Integer> {

	@Option(names = "--tenant", required = true, paramLabel = "TENANT_ID",
			description = "The tenant id those runs were for (Entra admin center, Overview, Tenant ID).")
	String tenant;

	@Option(names = "--cloud", defaultValue = "global", paramLabel = "CLOUD",
			description = "The tenant's cloud: global, us-government-l4, us-government-l5-dod or china (default "
					+ "${DEFAULT-VALUE}).")
	String cloud;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		Tenant assigned;
		try {
			assigned = new Tenant(new TenantId(tenant), Cloud.parse(cloud));
		}
		catch (IllegalArgumentException e) {
			throw new RunRefusedException(FailureKind.INVALID_INPUT, String.valueOf(e.getMessage()));
		}
		return SpringJob.run(spec.commandLine().getErr(), context -> {
			long runs = context.getBean(RunTenants.class).assign(assigned);
			spec.commandLine()
				.getOut()
				.println(runs == 0 ? "every run already has a tenant: nothing to assign"
						: "assigned " + runs + " run" + (runs == 1 ? "" : "s") + " to tenant " + assigned);
			return FailureKind.SUCCESS_EXIT_CODE;
		});
	}

}

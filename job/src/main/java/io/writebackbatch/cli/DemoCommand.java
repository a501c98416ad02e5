package io.writebackbatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The README demo: a simulated tenant in this process, then 'plan' and 'apply' against it
 * over HTTP, on the embedded H2 job repository. The only place besides tests where the
 * job and the simulator meet.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
		description = "Rehearse on a simulated tenant: start the Graph simulator, run 'plan' then 'apply' of a "
				+ "definition against it, and print where the reports are. Touches no real tenant.")
class DemoCommand implements Callable<Integer> {

	private static final String TOKEN = "demo-token";

	@Option(names = "--groups", defaultValue = "2000",
			description = "Unified groups in the simulated tenant (default ${DEFAULT-VALUE}).")
	int groups;

	@Option(names = { "-d", "--definition" }, defaultValue = "jobs/disable-all.yaml", paramLabel = "FILE",
			description = "Job definition (default ${DEFAULT-VALUE}).")
	Path definition;

	@Option(names = "--seed", defaultValue = "42", description = "Tenant generation seed (default ${DEFAULT-VALUE}).")
	long seed;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws Exception {
		PrintWriter out = spec.commandLine().getOut();
		try (GraphSimulator simulator = SimulateCommand.start(spec,
				() -> SimulatorConfig.builder()
					.port(0)
					.token(TOKEN)
					.seed(seed)
					.unifiedGroups(groups)
					.nonUnifiedGroups(groups / 10)
					.build())) {
			Map<String, String> properties = Map.of("writeback.graph.base-url", simulator.baseUrl(),
					"writeback.graph.access-token", TOKEN, "writeback.tenant.id", simulator.tenantId(),
					"spring.datasource.url",
					"jdbc:h2:file:./data/demo-" + System.currentTimeMillis() + ";WRITE_DELAY=0");
			properties.forEach(System::setProperty);
			out.println("Simulated tenant with " + groups + " unified groups at " + simulator.baseUrl());
			out.println("\n=== plan (dry run): nothing changes ===");
			int plan = WritebackCli.execute(out, spec.commandLine().getErr(), "plan", "--definition",
					definition.toString());
			if (plan != 0) {
				return plan;
			}
			out.println("\n=== apply ===");
			int apply = WritebackCli.execute(out, spec.commandLine().getErr(), "apply", "--definition",
					definition.toString());
			out.println(
					"\nThe simulator recorded " + simulator.audit().size() + " changes; the tenant's PATCH count is "
							+ simulator.counters().groupPatches() + " (groups already in the wanted state got none).");
			return apply;
		}
	}

}

package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Pushgateway that cannot be reached costs the run one warning line: the run's exit
 * code is its own, and no stack trace reaches the terminal (the job as its own process).
 */
class PushgatewayUnreachableFunctionalIT {

	@TempDir
	Path dir;

	@Test
	void anUnreachablePushgatewayIsOneLineAndDoesNotChangeTheExitCode() throws Exception {
		int closed = closedPort();
		try (GraphSimulator sim = GraphSimulator.start(
				SimulatorConfig.builder().port(0).token("t").seed(3).unifiedGroups(20).nonUnifiedGroups(2).build())) {
			CliProcess.Result plan = CliProcess
				.withEnv(Map.of("GRAPH_BASE_URL", sim.baseUrl(), "GRAPH_ACCESS_TOKEN", "t", "SPRING_DATASOURCE_URL",
						"jdbc:h2:file:" + dir.resolve("db/writeback") + ";DB_CLOSE_ON_EXIT=FALSE",
						"WRITEBACK_REPORT_DIRECTORY", dir.resolve("reports").toString(),
						"MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ADDRESS", "127.0.0.1:" + closed))
				.run("plan", "--definition", "jobs/disable-all.yaml");

			assertThat(plan.exitCode()).as(plan.all()).isZero();
			assertThat(plan.all())
				.containsOnlyOnce("could not push this run's metrics to the Pushgateway 127.0.0.1:" + closed)
				.doesNotContain("\tat ");
		}
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}

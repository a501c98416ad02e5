package io.writebackbatch.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.writebackbatch.simulator.FaultConfig;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.GroupView;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link GroupBatchReader#requestsSent()}, the re-read's cost the incremental inventory
 * logs (and the nightly benchmark reports): every {@code $batch} request it posts, as the
 * simulator counts them, retries included.
 */
class GroupBatchReaderCostTests {

	GraphSimulator sim;

	@BeforeEach
	void start() throws Exception {
		sim = GraphSimulator.start(SimulatorConfig.builder().port(0).token("t").seed(7).unifiedGroups(100).build());
	}

	@AfterEach
	void stop() {
		sim.close();
	}

	private GroupBatchReader reader() {
		return new GroupBatchReader(new GraphConnection(
				new GraphProperties(sim.baseUrl(), "t", null, "Low", 999, 4, 0, 20, Duration.ofMillis(50)),
				new SimpleMeterRegistry()));
	}

	private List<String> ids(int n) {
		return sim.tenant().unifiedGroups().stream().limit(n).map(GroupView::id).toList();
	}

	@Test
	void twentyGroupsPerRequest() {
		try (GroupBatchReader reader = reader()) {
			assertThat(reader.read(ids(45))).hasSize(45).allSatisfy((id, group) -> assertThat(group).isPresent());
			assertThat(reader.requestsSent()).isEqualTo(3).isEqualTo(sim.counters().batches());
		}
	}

	@Test
	void retriesAreCounted() {
		sim.faults(FaultConfig.none().gatewayErrorRate(0.5));
		try (GroupBatchReader reader = reader()) {
			assertThat(reader.read(ids(100))).hasSize(100).allSatisfy((id, group) -> assertThat(group).isPresent());
			// every HTML 502 answered is one request more than the 5 batches of 20
			assertThat(sim.counters().injected5xx()).isPositive();
			assertThat(reader.requestsSent()).isEqualTo(sim.counters().requests()).isGreaterThan(5);
		}
	}

}

package io.writebackbatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@link Unkindness} lists every fault the simulator can select: each constant selects
 * something, and every fault setting of {@code /_sim/faults} is selected by a constant
 * (bar the knobs that shape a fault or set the pace).
 */
class UnkindnessTests {

	/**
	 * Settings that shape another fault or the pace, not a fault of their own;
	 * throttledBatch's default is already the unkind reading (424), its other value the
	 * kinder one.
	 */
	static final Set<String> KNOBS = Set.of("latencyMs", "jitterMs", "gauge", "envelopeStatus", "envelopeRetryAfter",
			"resourceUnits", "writes", "tenantWrites", "timeScale", "throttledBatch");

	@RegisterExtension
	static SimulatorExtension sim = new SimulatorExtension(b -> b.unifiedGroups(20));

	@Test
	void everyConstantSelectsAFaultAndEveryFaultHasAConstant() {
		JsonNode kind = AdminFaults.describe(sim.simulator());
		Set<String> selected = new HashSet<>();
		for (Unkindness u : Unkindness.values()) {
			sim.reset();
			u.select(sim.simulator());
			JsonNode after = AdminFaults.describe(sim.simulator());
			Set<String> changed = new HashSet<>();
			kind.properties().forEach(e -> {
				if (!e.getValue().equals(after.get(e.getKey()))) {
					changed.add(e.getKey());
				}
			});
			assertThat(changed).as("%s selects a fault", u).isNotEmpty();
			selected.addAll(changed);
		}
		Set<String> faults = new HashSet<>();
		kind.properties().forEach(e -> faults.add(e.getKey()));
		faults.removeAll(KNOBS);
		assertThat(selected).as("fault settings with an Unkindness constant").containsAll(faults);
	}

}

package io.writebackbatch.simulator;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a {@link GraphSimulator} in-process on a free port and stops it afterwards.
 * Registered on a static field, one simulator serves the whole test class, and before
 * each test the fault and throttle settings are restored to the configured ones, the
 * audit log is cleared and counters are reset (the tenant's groups are kept). Registered
 * on an instance field, each test gets a fresh simulator (a fresh tenant).
 *
 * <pre>{@code @RegisterExtension static SimulatorExtension sim = new SimulatorExtension(b -> b.unifiedGroups(200));}</pre>
 *
 * Defaults: port 0, token {@code test-token}, seed 42, 500 unified groups; the customizer
 * changes any of them.
 */
public final class SimulatorExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

	private final Consumer<SimulatorConfig.Builder> customizer;

	private SimulatorConfig config;

	private GraphSimulator sim;

	private boolean perTest;

	public SimulatorExtension() {
		this((b) -> {
		});
	}

	public SimulatorExtension(Consumer<SimulatorConfig.Builder> customizer) {
		this.customizer = customizer;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}

	@Override
	public void beforeEach(ExtensionContext context) throws IOException {
		if (sim == null) {
			perTest = true;
			start();
		}
		else {
			reset();
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (perTest) {
			stop();
		}
	}

	private void start() throws IOException {
		SimulatorConfig.Builder b = SimulatorConfig.builder().port(0).token("test-token").seed(42).unifiedGroups(500);
		customizer.accept(b);
		config = b.build();
		sim = GraphSimulator.start(config);
	}

	private void stop() {
		if (sim != null) {
			sim.close();
			sim = null;
		}
	}

	/** Restores faults/modes/throttling, clears the audit log and counters. */
	public void reset() {
		sim.faults(config.faults());
		sim.batchFaults(config.batchFaults());
		sim.modes(config.modes());
		sim.roleAssignableGroups(config.roleAssignableGroups());
		sim.throttling(config.throttling());
		sim.skipTokenTtl(config.skipTokenTtl());
		sim.clearAudit();
		sim.resetCounters();
	}

	public GraphSimulator simulator() {
		return sim;
	}

	public SimulatorConfig config() {
		return config;
	}

	public String baseUrl() {
		return sim.baseUrl();
	}

	public String adminUrl() {
		return sim.adminUrl();
	}

	public int port() {
		return sim.port();
	}

	public String token() {
		return config.token();
	}

	public Tenant tenant() {
		return sim.tenant();
	}

	public List<AuditEntry> audit() {
		return sim.audit();
	}

	public SimulatorCounters counters() {
		return sim.counters();
	}

	public void faults(FaultConfig f) {
		sim.faults(f);
	}

	public void batchFaults(BatchFaults f) {
		sim.batchFaults(f);
	}

	public void throttling(ThrottleConfig t) {
		sim.throttling(t);
	}

	public void modes(GraphModes m) {
		sim.modes(m);
	}

}

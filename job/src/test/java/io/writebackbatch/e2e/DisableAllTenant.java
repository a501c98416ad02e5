package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.writebackbatch.simulator.FaultConfig;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh simulated tenant for each test (1,500 unified groups, 40 ms a request) and
 * {@code jobs/disable-all.yaml} copied to the test's own folder, so that the runs of its
 * definition are the test's own; what the tests of the job repository (its crashes,
 * restarts and locks) start from and check against.
 */
final class DisableAllTenant implements BeforeEachCallback, AfterEachCallback {

	private final String token;

	private final long seed;

	private GraphSimulator sim;

	private Set<String> expected;

	private Path dir;

	DisableAllTenant(String token, long seed) {
		this.token = token;
		this.seed = seed;
	}

	@Override
	public void beforeEach(ExtensionContext context) throws IOException {
		dir = Files.createTempDirectory("writeback-tenant-");
		Files.copy(Path.of("jobs/disable-all.yaml"), definition());
		sim = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token(token)
			.seed(seed)
			.unifiedGroups(1500)
			.nonUnifiedGroups(100)
			.faults(FaultConfig.none().latency(Duration.ofMillis(40), Duration.ofMillis(10)))
			.build());
		expected = DisableAll.groupsToChange(sim.tenant().unifiedGroups());
	}

	@Override
	public void afterEach(ExtensionContext context) throws IOException {
		sim.close();
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
	}

	GraphSimulator sim() {
		return sim;
	}

	String token() {
		return token;
	}

	/** The test's folder: the definition is in it, reports and files go below it. */
	Path dir() {
		return dir;
	}

	Path definition() {
		return dir.resolve("disable-all.yaml");
	}

	/** The groups the plan changes. */
	Set<String> expected() {
		return expected;
	}

	/** Every PATCH the tenant received, as group ids. */
	List<String> patched() {
		return DisableAll.patchedGroups(sim);
	}

	/**
	 * Exactly the planned groups were changed, each now not written back, and none was
	 * sent twice.
	 */
	void assertApplied() {
		assertAppliedResendingAtMost(0);
	}

	/**
	 * Exactly the planned groups were changed and nothing else was written; PATCHes sent
	 * a second time (those in flight when a process died, whose outcome it could not
	 * record) at most {@code resent}.
	 */
	void assertAppliedResendingAtMost(int resent) {
		DisableAll.assertApplied(sim, expected);
		assertThat(sim.audit()).as("what the tenant received").allMatch(e -> e.method().equals("PATCH"));
		List<String> patched = patched();
		assertThat(patched.size() - Set.copyOf(patched).size()).as("PATCHes sent a second time")
			.isLessThanOrEqualTo(resent);
	}

}

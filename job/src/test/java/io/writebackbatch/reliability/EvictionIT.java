package io.writebackbatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.writebackbatch.BuildDirectory;
import io.writebackbatch.reliability.TenantState.Writeback;
import io.writebackbatch.simulator.AuditEntry;
import io.writebackbatch.simulator.FaultConfig;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The one-off Kubernetes Job (k8s/overlays/one-off) evicted mid-apply: its pod dies
 * without a graceful stop (SIGKILL, as after a node loss or a grace period too short),
 * and the replacement pod runs the very same command. That command,
 * {@code apply --resume-unfinished}, must continue the unfinished run, not refuse (exit 2
 * would fail the Job) nor start over: nothing lost, nothing re-sent beyond the requests
 * in flight at the kill.
 */
@EnabledIfSystemProperty(named = "writeback.it", matches = "true",
		disabledReason = "needs the packaged jar: runs in mvn verify (failsafe)")
class EvictionIT {

	static final String[] POD_COMMAND = { "apply", "--resume-unfinished", "--definition", "jobs/disable-all.yaml" };

	@Test
	void theReplacementPodContinuesTheEvictedRun() throws Exception {
		Path dir = cleanDirectory(BuildDirectory.resolve("eviction"));
		try (GraphSimulator sim = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token(ReliabilityIT.TOKEN)
			.seed(47)
			.unifiedGroups(ReliabilityIT.GROUPS)
			.nonUnifiedGroups(ReliabilityIT.GROUPS / 10)
			.faults(FaultConfig.none().latency(Duration.ofMillis(15), Duration.ofMillis(15)))
			.build())) {
			Set<String> plan = TenantState.disableAllPlan(sim);
			Map<String, String> env = ReliabilityIT.jobEnv(dir, sim);
			env.put("WRITEBACK_GRAPH_PAGE_SIZE", Integer.toString(ReliabilityIT.PAGE_SIZE));
			env.put("WRITEBACK_APPLY_CHUNK_SIZE", Integer.toString(ReliabilityIT.CHUNK));
			env.put("WRITEBACK_GRAPH_MAX_CONCURRENT_BATCHES", Integer.toString(ReliabilityIT.CONCURRENT_BATCHES));

			JobProcess evicted = JobProcess.start(dir, env, "1-evicted-pod", POD_COMMAND);
			assertThat(ReliabilityIT.awaitThen(evicted, () -> sim.counters().writesApplied() >= plan.size() / 3,
					Duration.ZERO))
				.as("the first pod is mid-apply when it is killed; log %s", evicted.log())
				.isTrue();
			assertThat(evicted.kill()).isEqualTo(137);
			ReliabilityIT.awaitQuiet(sim);
			Set<String> patchedBeforeKill = ReliabilityIT.distinctTargets(TenantState.patches(sim));
			assertThat(patchedBeforeKill).as("the kill left work to do").hasSizeLessThan(plan.size());

			JobProcess replacement = JobProcess.start(dir, env, "2-replacement-pod", POD_COMMAND);
			int code = replacement.awaitExit(ReliabilityIT.RUN_TIMEOUT);

			assertThat(code).as("the replacement pod completes the run; log %s", replacement.log()).isZero();
			assertThat(replacement.saw("recovering it")).as("the killed run is recovered").isTrue();
			assertThat(replacement.saw("resuming run 1")).as("and continued, not started over").isTrue();
			List<AuditEntry> patches = TenantState.patches(sim);
			Set<String> patched = ReliabilityIT.distinctTargets(patches);
			assertThat(patched).as("every planned group patched, none outside the plan").isEqualTo(plan);
			assertThat(patches.size() - patched.size()).as("re-sent PATCHes (in flight at the kill)")
				.isLessThanOrEqualTo(ReliabilityIT.IN_FLIGHT_BOUND);
			Map<String, Writeback> end = TenantState.fetch(sim).groups();
			assertThat(plan).allSatisfy(id -> assertThat(end.get(id).isEnabled()).as(id).isFalse());
			assertThat(ReliabilityIT.checkReports(dir, 1, -1, plan.size()))
				.as("run 1's report adds up, nothing pending")
				.isEmpty();
			assertThat(dir.resolve("reports/2")).as("no second run was started").doesNotExist();
		}
	}

	private static Path cleanDirectory(Path dir) throws IOException {
		if (Files.exists(dir)) {
			try (Stream<Path> files = Files.walk(dir)) {
				for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(f);
				}
			}
		}
		Path jobs = Files.createDirectories(dir.resolve("jobs"));
		Files.copy(Path.of(System.getProperty("user.dir"), "jobs", "disable-all.yaml"),
				jobs.resolve("disable-all.yaml"));
		return dir;
	}

}

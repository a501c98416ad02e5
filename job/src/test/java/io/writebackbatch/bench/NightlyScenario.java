package io.writebackbatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import io.writebackbatch.simulator.SimulatorCounters;

/**
 * ThroughputBench's {@code nightly} scenario: on a 200,000-group tenant already processed
 * by a first (full) apply, 100 groups are created, then the nightly apply of an
 * {@code inventory: incremental} definition runs once as a full listing (forced with
 * {@code full-inventory-every=0s}) and, on an identical tenant, once incrementally. Both
 * must change exactly the 100 new groups; the table compares their requests and wall
 * time.
 */
final class NightlyScenario {

	private static final int CREATED = 100;

	private NightlyScenario() {
	}

	record Nightly(String kind, double wallSeconds, SimulatorCounters counters, long initialRequests, boolean exact,
			int exitCode) {
	}

	static String run(Path out, String token, long seed) throws Exception {
		int groups = Integer.getInteger("bench.groups", 200_000);
		System.out.printf(
				"%n=== nightly: %,d groups, %d created since the last run, full vs incremental inventory ===%n", groups,
				CREATED);
		Nightly full = nightly("full", "0s", groups, out, token, seed);
		Nightly incremental = nightly("incremental", "7d", groups, out, token, seed);
		StringBuilder table = new StringBuilder("| nightly apply (" + String.format("%,d", groups) + " groups, "
				+ CREATED
				+ " new) | wall s | requests | listing pages | $batch requests | groups changed exactly | requests vs full nightly | vs first full run |\n"
				+ "|---|---:|---:|---:|---:|---|---:|---:|\n");
		for (Nightly n : List.of(full, incremental)) {
			table.append(String.format("| %s inventory%s | %.1f | %,d | %,d | %,d | %s | %.2f %% | %.2f %% |%n",
					n.kind(), n.exitCode() == 0 ? "" : " **exit " + n.exitCode() + "**", n.wallSeconds(),
					n.counters().requests(), n.counters().groupListPages(), n.counters().batches(),
					n.exact() ? "yes" : "**no**", 100.0 * n.counters().requests() / full.counters().requests(),
					100.0 * n.counters().requests() / n.initialRequests()));
		}
		System.out.println(table);
		Files.writeString(out.resolve("nightly.md"), table);
		return table.toString();
	}

	private static Nightly nightly(String kind, String fullEvery, int groups, Path out, String token, long seed)
			throws Exception {
		try (GraphSimulator sim = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token(token)
			.seed(seed)
			.unifiedGroups(groups)
			.nonUnifiedGroups(groups / 10)
			.threads(64)
			.build())) {
			Path work = Files.createTempDirectory("wb-bench-nightly-" + kind);
			Path definition = work.resolve("nightly.yaml");
			Files.writeString(definition, "action: disable\ninventory: incremental\nmaxChanges: 5000000\n");
			Map<String, String> env = Map.of("GRAPH_BASE_URL", sim.baseUrl(), "GRAPH_ACCESS_TOKEN", token,
					"WRITEBACK_CHANGE_CONTROL_FULL_INVENTORY_EVERY", fullEvery);
			int first = apply(work, definition, env, out.resolve("job-nightly-" + kind + "-first.log"));
			if (first != 0) {
				throw new IllegalStateException("the first full run failed (exit " + first + "), see job/target/bench");
			}
			long initialRequests = sim.counters().requests();
			Set<String> created = IntStream.range(0, CREATED)
				.mapToObj(i -> sim.tenant().createUnifiedGroup("Created Tonight " + i).id())
				.collect(Collectors.toSet());
			sim.clearAudit();
			sim.resetCounters();
			long start = System.nanoTime();
			int exit = apply(work, definition, env, out.resolve("job-nightly-" + kind + ".log"));
			double wall = (System.nanoTime() - start) / 1e9;
			Set<String> patched = sim.audit()
				.stream()
				.filter(e -> e.method().equals("PATCH"))
				.map(e -> e.target())
				.collect(Collectors.toSet());
			try (var paths = Files.walk(work)) {
				paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
			return new Nightly(kind, wall, sim.counters(), initialRequests, patched.equals(created), exit);
		}
	}

	private static int apply(Path work, Path definition, Map<String, String> env, Path log) throws Exception {
		return JobCommand.apply(work, definition, env, log).waitFor();
	}

}

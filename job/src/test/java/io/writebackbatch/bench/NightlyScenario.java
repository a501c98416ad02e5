package io.writebackbatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import io.writebackbatch.simulator.SimulatorCounters;

/**
 * ThroughputBench's {@code nightly} scenario: on a 200,000-group tenant already processed
 * by a first (full) apply, someone turns back {@value #TURNED_BACK} of the groups that
 * apply changed and 100 groups are created, then the nightly apply of an
 * {@code inventory: incremental} definition runs once as a full listing (forced with
 * {@code full-inventory-every=0s}) and, on an identical tenant, once incrementally (which
 * re-reads by id every group the first apply changed). Both must change exactly the new
 * and the turned-back groups, and report the turned-back ones; the table compares their
 * requests and wall time, and the incremental re-read's own cost (from the job's log
 * line) against the nightly's.
 */
final class NightlyScenario {

	private static final int CREATED = 100;

	static final int TURNED_BACK = 50;

	/** The incremental inventory's log line: the groups re-read, and what that cost. */
	private static final Pattern REREAD = Pattern.compile("(\\d+) groups changed by runs \\[[^]]*\\] re-read "
			+ "\\((\\d+) still exist\\) in (\\d+) \\$batch requests, ([0-9.]+) s");

	private static final Pattern TURNED_BACK_FOUND = Pattern.compile("(\\d+) groups were turned back since run");

	private NightlyScenario() {
	}

	/** The incremental re-read's cost, as the job logged it. */
	record Reread(int groups, long batchRequests, double seconds) {
	}

	record Nightly(String kind, double wallSeconds, SimulatorCounters counters, long initialRequests,
			long firstRunChanges, boolean exact, int turnedBackFound, int turnedBackFixed, Optional<Reread> reread,
			int exitCode) {
	}

	static String run(Path out, String token, long seed) throws Exception {
		int groups = Integer.getInteger("bench.groups", 200_000);
		System.out.printf("%n=== nightly: %,d groups, %d turned back and %d created since the last run, full vs "
				+ "incremental inventory ===%n", groups, TURNED_BACK, CREATED);
		Nightly full = nightly("full", "0s", groups, out, token, seed);
		Nightly incremental = nightly("incremental", "7d", groups, out, token, seed);
		StringBuilder table = new StringBuilder("| nightly apply (" + String.format("%,d", groups) + " groups, "
				+ CREATED + " new, " + TURNED_BACK + " turned back) | wall s | requests | listing pages | "
				+ "$batch requests | groups changed exactly | turned back: reported / fixed | "
				+ "requests vs full nightly | vs first full run |\n" + "|---|---:|---:|---:|---:|---|---|---:|---:|\n");
		for (Nightly n : List.of(full, incremental)) {
			table.append(String.format(Locale.ROOT,
					"| %s inventory%s | %.1f | %,d | %,d | %,d | %s | %s | %.2f %% | %.2f %% |%n", n.kind(),
					n.exitCode() == 0 ? "" : " **exit " + n.exitCode() + "**", n.wallSeconds(), n.counters().requests(),
					n.counters().groupListPages(), n.counters().batches(), n.exact() ? "yes" : "**no**", turnedBack(n),
					100.0 * n.counters().requests() / full.counters().requests(),
					100.0 * n.counters().requests() / n.initialRequests()));
		}
		table.append("\n| incremental re-read (groups the first full run changed) | groups changed by the first run "
				+ "| groups re-read (job / simulator GETs) | re-read $batch requests | re-read s "
				+ "| share of the nightly's requests | share of its wall time |\n|---|---:|---:|---:|---:|---:|---:|\n");
		incremental.reread()
			.ifPresentOrElse(r -> table.append(String.format(Locale.ROOT,
					"| by id, 20 GETs per $batch | %,d | %,d / %,d | %,d | %.1f | %.2f %% | %.2f %% |%n",
					incremental.firstRunChanges(), r.groups(), incremental.counters().groupGets(), r.batchRequests(),
					r.seconds(), 100.0 * r.batchRequests() / incremental.counters().requests(),
					100.0 * r.seconds() / incremental.wallSeconds())),
					() -> table.append("| **the incremental nightly logged no re-read** | | | | | | |\n"));
		System.out.println(table);
		Files.writeString(out.resolve("nightly.md"), table);
		return table.toString();
	}

	private static String turnedBack(Nightly n) {
		String text = n.turnedBackFound() + " / " + n.turnedBackFixed();
		return n.turnedBackFound() == TURNED_BACK && n.turnedBackFixed() == TURNED_BACK ? text
				: "**" + text + " of " + TURNED_BACK + "**";
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
			List<String> firstRunChanged = patched(sim).sorted().toList();
			// someone turns back groups the first run disabled (spread over the tenant)
			Set<String> turnedBack = IntStream.range(0, TURNED_BACK)
				.mapToObj(i -> firstRunChanged.get(i * (firstRunChanged.size() / TURNED_BACK)))
				.collect(Collectors.toSet());
			turnedBack.forEach(id -> sim.tenant()
				.setWriteback(id, true, sim.tenant().group(id).orElseThrow().onPremisesGroupType()));
			Set<String> created = IntStream.range(0, CREATED)
				.mapToObj(i -> sim.tenant().createUnifiedGroup("Created Tonight " + i).id())
				.collect(Collectors.toSet());
			sim.clearAudit();
			sim.resetCounters();
			Path log = out.resolve("job-nightly-" + kind + ".log");
			long start = System.nanoTime();
			int exit = apply(work, definition, env, log);
			double wall = (System.nanoTime() - start) / 1e9;
			Set<String> expected = new HashSet<>(created);
			expected.addAll(turnedBack);
			boolean exact = patched(sim).collect(Collectors.toSet()).equals(expected);
			int fixed = (int) turnedBack.stream()
				.filter(id -> Boolean.FALSE.equals(sim.tenant().group(id).orElseThrow().writebackEnabled()))
				.count();
			String logged = Files.readString(log);
			try (var paths = Files.walk(work)) {
				paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
			return new Nightly(kind, wall, sim.counters(), initialRequests, firstRunChanged.size(), exact,
					found(logged), fixed, reread(logged), exit);
		}
	}

	private static Stream<String> patched(GraphSimulator sim) {
		return sim.audit().stream().filter(e -> e.method().equals("PATCH")).map(e -> e.target()).distinct();
	}

	private static int found(String log) {
		Matcher m = TURNED_BACK_FOUND.matcher(log);
		return m.find() ? Integer.parseInt(m.group(1)) : 0;
	}

	private static Optional<Reread> reread(String log) {
		Matcher m = REREAD.matcher(log);
		return m.find() ? Optional
			.of(new Reread(Integer.parseInt(m.group(1)), Long.parseLong(m.group(3)), Double.parseDouble(m.group(4))))
				: Optional.empty();
	}

	private static int apply(Path work, Path definition, Map<String, String> env, Path log) throws Exception {
		return JobCommand.apply(work, definition, env, log).waitFor();
	}

}

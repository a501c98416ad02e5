package io.writebackbatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.graph.beta.models.Group;
import com.microsoft.graph.beta.models.GroupCollectionResponse;
import com.microsoft.graph.beta.models.GroupWritebackConfiguration;
import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import com.microsoft.graph.core.requests.BaseGraphRequestAdapter;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.core.tasks.PageIterator;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import io.writebackbatch.BuildDirectory;
import io.writebackbatch.simulator.BatchFaults;
import io.writebackbatch.simulator.FaultConfig;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.GroupView;
import io.writebackbatch.simulator.SimulatorConfig;
import io.writebackbatch.simulator.SimulatorCounters;
import io.writebackbatch.simulator.ThrottleConfig;
import org.junit.jupiter.api.Test;

/**
 * Throughput benchmark (issue 5): not a pass/fail test. Run only by the {@code bench}
 * profile:
 * {@code mvn -o -Pbench verify [-Dbench.scenarios=budget,latency,raw,scale,nightly,pacing,fleet] [-Dbench.baseline.sample=N]}.
 *
 * <p>
 * Per scenario, every contender gets a fresh simulator with the same seed and the same
 * set-up (half of the unified groups already disabled): (a) the sequential baseline,
 * Microsoft's guidance done with the real SDK (page all unified groups with the default
 * page size and {@code $select=id,writebackConfiguration}, then one PATCH per group, one
 * at a time, for every group, only the SDK's default RetryHandler); (b) this job with its
 * default settings, run as a subprocess ({@code apply} with the embedded H2 file
 * repository, as in production), so its heap and RSS can be measured. The table is
 * printed and written to {@code job/target/bench/throughput.md}.
 */
class ThroughputBench {

	private static final String TOKEN = "bench-token";

	static final long SEED = 5;

	/**
	 * Budget-bound: Graph's large-tenant budgets, refilled this many times faster (bursts
	 * stay Graph's).
	 */
	static final double TIME_SCALE = 10;

	record Scenario(String key, String title, int groups, ThrottleConfig throttling, FaultConfig faults,
			int baselineSample, String jobHeap, BatchFaults.Gauge gauge) {

		Scenario(String key, String title, int groups, ThrottleConfig throttling, FaultConfig faults,
				int baselineSample, String jobHeap) {
			this(key, title, groups, throttling, faults, baselineSample, jobHeap, BatchFaults.Gauge.STEPS);
		}
	}

	record Row(Scenario scenario, String contender, double wallSeconds, long changed, SimulatorCounters counters,
			long writesNeeded, boolean extrapolated, String note, long peakHeapMb, long liveHeapMb, long peakRssMb,
			boolean ok) {

		long requests() {
			return counters.requests();
		}

		/**
		 * Writes sent: PATCHes that reached the tenant plus those answered 429 (every 429
		 * here is a write).
		 */
		long writesSent() {
			return counters.groupPatches() + counters.throttled429();
		}

		/**
		 * Graph operations: top-level requests other than $batch envelopes, plus every
		 * batch sub-request.
		 */
		long operations() {
			return counters.requests() - counters.batches() + counters.batchSubRequests();
		}
	}

	@Test
	void throughputTable() throws Exception {
		List<String> keys = List
			.of(System.getProperty("bench.scenarios", "budget,latency,raw,scale,nightly").split(","));
		int sample = Integer.getInteger("bench.baseline.sample", -1);
		Path out = BuildDirectory.resolve("bench");
		Files.createDirectories(out);
		List<Row> rows = new ArrayList<>();
		for (String key : keys) {
			if (key.strip().equals("nightly")) { // its own table: two runs per contender,
													// compared by requests
				NightlyScenario.run(out, TOKEN, SEED);
				continue;
			}
			if (key.strip().equals("fleet")) { // its own table: N tenants alone, then at
												// once, on one PostgreSQL repository
				FleetScenario.run(out);
				continue;
			}
			if (key.strip().equals("pacing")) { // its own table: every gauge placement x
												// bucket x client
				PacingMatrix.run(out);
				continue;
			}
			Scenario scenario = scenario(key.strip(), sample);
			Integer groups = Integer.getInteger("bench.groups"); // a smaller tenant, for
																	// trying the
																	// benchmark out
			if (groups != null) {
				scenario = new Scenario(scenario.key(), scenario.title() + " [bench.groups=" + groups + "]", groups,
						scenario.throttling(), scenario.faults(), scenario.baselineSample(), scenario.jobHeap(),
						scenario.gauge());
			}
			System.out.printf("%n=== %s ===%n", scenario.title());
			if (scenario.baselineSample() >= 0 && !"false".equals(System.getProperty("bench.baseline"))) {
				rows.add(print(baseline(scenario)));
			}
			rows.add(print(job(scenario, out)));
		}
		if (rows.isEmpty()) {
			return;
		}
		String table = table(rows);
		System.out.println();
		System.out.println(table);
		Files.writeString(out.resolve("throughput.md"), table);
	}

	static Scenario scenario(String key, int sample) {
		ThrottleConfig budget = ThrottleConfig.graphLargeTenant().timeScale(TIME_SCALE);
		return switch (key) {
			case "budget" -> new Scenario(key,
					"budget-bound: 20,000 groups, large-tenant budgets x" + (int) TIME_SCALE
							+ " refill, latency 50 ms + 0-20 ms",
					20_000, budget, FaultConfig.none().latency(Duration.ofMillis(50), Duration.ofMillis(20)),
					sample < 0 ? 1_000 : sample, null);
			case "latency" ->
				new Scenario(key, "latency-bound: 20,000 groups, no throttling, latency 100 ms + 0-20 ms", 20_000,
						ThrottleConfig.off(), FaultConfig.none().latency(Duration.ofMillis(100), Duration.ofMillis(20)),
						sample < 0 ? 1_000 : sample, null);
			case "raw" -> new Scenario(key, "raw efficiency: 200,000 groups, no throttling, no latency", 200_000,
					ThrottleConfig.off(), FaultConfig.none(), sample < 0 ? 20_000 : sample, null);
			case "scale" -> new Scenario(key, "scale: 1,000,000 groups, no throttling, no latency, job -Xmx512m",
					1_000_000, ThrottleConfig.off(), FaultConfig.none(), -1, "-Xmx512m");
			// one-second and graph: no gauge; -steps / -envelope: the gauge on every step
			// / only on the envelope
			case "one-second", "one-second-steps", "one-second-envelope" -> new Scenario(key,
					"one-second bucket, gauge " + gauge(key)
							+ ": 20,000 groups, a write bucket of 40 refilled at 40/s, latency 50 ms + 0-20 ms",
					20_000, ThrottleConfig.oneSecondWriteBucket(),
					FaultConfig.none().latency(Duration.ofMillis(50), Duration.ofMillis(20)), -1, null, gauge(key));
			case "graph", "graph-steps", "graph-envelope" -> new Scenario(key,
					"Graph's bucket, gauge " + gauge(key) + ": 60,000 groups, large-tenant budgets x" + (int) TIME_SCALE
							+ " refill, latency 50 ms + 0-20 ms",
					60_000, budget, FaultConfig.none().latency(Duration.ofMillis(50), Duration.ofMillis(20)), -1, null,
					gauge(key));
			// the job repository's size per group (printed for every scenario; this one
			// runs nothing else)
			case "size" -> new Scenario(key, "size: 1,000,000 groups, no throttling, no latency, job only", 1_000_000,
					ThrottleConfig.off(), FaultConfig.none(), -1, "-Xmx512m");
			default -> throw new IllegalArgumentException(
					"bench.scenarios: budget, latency, raw, scale, size, nightly, pacing, fleet, one-second, "
							+ "graph (each also -steps, -envelope); not " + key);
		};
	}

	private static BatchFaults.Gauge gauge(String key) {
		return key.endsWith("-steps") ? BatchFaults.Gauge.STEPS
				: key.endsWith("-envelope") ? BatchFaults.Gauge.ENVELOPE : BatchFaults.Gauge.NONE;
	}

	// ------------------------------------------------------------------ tenant

	/**
	 * A fresh tenant (same seed every time); every other unified group (id order) already
	 * disabled.
	 */
	static Tenant tenant(Scenario scenario) throws IOException {
		return tenant(scenario, UnaryOperator.identity());
	}

	/**
	 * The same, with {@code tenant} changing the simulator's settings (its token, tenant
	 * id, seed).
	 */
	static Tenant tenant(Scenario scenario, UnaryOperator<SimulatorConfig.Builder> tenant) throws IOException {
		GraphSimulator sim = GraphSimulator.start(
				tenant
					.apply(SimulatorConfig.builder()
						.port(0)
						.token(TOKEN)
						.seed(SEED)
						.unifiedGroups(scenario.groups())
						.nonUnifiedGroups(scenario.groups() / 10)
						.threads(64))
					.build());
		long needed = 0;
		int i = 0;
		for (GroupView group : sim.tenant().unifiedGroups()) {
			boolean disabled = Boolean.FALSE.equals(group.writebackEnabled());
			if (i++ % 2 == 0) {
				if (!disabled) {
					sim.tenant().setWriteback(group.id(), false, group.onPremisesGroupType());
				}
			}
			else {
				if (disabled) {
					sim.tenant().setWriteback(group.id(), true, group.onPremisesGroupType());
				}
				needed += group.onPremisesSyncEnabled() ? 0 : 1; // synced groups are not
																	// cloud-mastered
			}
		}
		sim.clearAudit();
		sim.throttling(scenario.throttling());
		sim.faults(scenario.faults());
		sim.batchFaults(BatchFaults.none().gauge(scenario.gauge()));
		sim.resetCounters();
		return new Tenant(sim, needed);
	}

	record Tenant(GraphSimulator sim, long needed) implements AutoCloseable {

		/** Groups that were to be changed and are now disabled. */
		long changed(boolean includingSynced) {
			long n = 0;
			int i = 0;
			for (GroupView group : sim.tenant().unifiedGroups()) {
				if (i++ % 2 == 1 && (includingSynced || !group.onPremisesSyncEnabled())
						&& Boolean.FALSE.equals(group.writebackEnabled())) {
					n++;
				}
			}
			return n;
		}

		@Override
		public void close() {
			sim.close();
		}
	}

	// ------------------------------------------------------------------ (a) the
	// sequential baseline

	record StaticToken(String token) implements AccessTokenProvider {

		@Override
		public String getAuthorizationToken(URI uri, Map<String, Object> context) {
			return token;
		}

		@Override
		public AllowedHostsValidator getAllowedHostsValidator() {
			return new AllowedHostsValidator("127.0.0.1");
		}
	}

	static Row baseline(Scenario scenario) throws Exception {
		try (Tenant tenant = tenant(scenario)) {
			GraphSimulator sim = tenant.sim();
			GraphServiceClient client = new GraphServiceClient(
					new BaseGraphRequestAdapter(new BaseBearerTokenAuthenticationProvider(new StaticToken(TOKEN)),
							sim.baseUrl(), GraphClientFactory.create().build())); // the
																					// SDK's
																					// default
																					// middleware:
																					// RetryHandler
																					// with
																					// defaults
			long start = System.nanoTime();
			List<String> ids = new ArrayList<>();
			GroupCollectionResponse first = client.groups().get(config -> {
				config.queryParameters.filter = "groupTypes/any(c:c eq 'Unified')";
				config.queryParameters.select = new String[] { "id", "writebackConfiguration" };
			});
			new PageIterator.Builder<Group, GroupCollectionResponse>().client(client)
				.collectionPage(first)
				.collectionPageFactory(GroupCollectionResponse::createFromDiscriminatorValue)
				.processPageItemCallback(group -> ids.add(group.getId()))
				.build()
				.iterate();
			double listSeconds = (System.nanoTime() - start) / 1e9;
			int patches = scenario.baselineSample() > 0 ? Math.min(scenario.baselineSample(), ids.size()) : ids.size();
			long patchStart = System.nanoTime();
			for (String id : ids.subList(0, patches)) {
				GroupWritebackConfiguration writeback = new GroupWritebackConfiguration();
				writeback.setIsEnabled(false);
				Group body = new Group();
				body.setWritebackConfiguration(writeback);
				client.groups().byGroupId(id).patch(body);
			}
			double patchSeconds = (System.nanoTime() - patchStart) / 1e9;
			SimulatorCounters c = sim.counters();
			boolean extrapolated = patches < ids.size();
			if (!extrapolated) {
				return new Row(scenario, "sequential SDK baseline", listSeconds + patchSeconds, tenant.changed(false),
						c, tenant.needed(), false, "", -1, -1, -1, true);
			}
			double factor = ids.size() / (double) patches;
			// linear extrapolation of the PATCH phase; the listing was measured in full
			SimulatorCounters scaled = new SimulatorCounters(Math.round(c.groupListPages() + c.groupPatches() * factor),
					c.groupListPages(), 0, Math.round(c.groupPatches() * factor), 0, 0, 0, 0,
					Math.round(c.throttled429() * factor), 0, 0, 0, 0, 0, Math.round(c.writesApplied() * factor), 0, 0,
					0, 0, 0, 0);
			// every other group in id order needs the change, so the sample changes about
			// half its PATCHes
			return new Row(scenario, "sequential SDK baseline", listSeconds + patchSeconds * factor, tenant.needed(),
					scaled, tenant.needed(), true,
					String.format(Locale.ROOT, "extrapolated from the first %,d of %,d PATCHes (%.1f s)", patches,
							ids.size(), patchSeconds),
					-1, -1, -1, true);
		}
	}

	// ------------------------------------------------------------------ (b) the job

	static Row job(Scenario scenario, Path out) throws Exception {
		try (Tenant tenant = tenant(scenario)) {
			GraphSimulator sim = tenant.sim();
			Path work = Files.createTempDirectory("wb-bench-" + scenario.key());
			Path definition = work.resolve("disable.yaml");
			Files.writeString(definition, "action: disable\nmaxChanges: 5000000\n");
			Path gcLog = out.resolve("job-" + scenario.key() + "-gc.log");
			Path log = out.resolve("job-" + scenario.key() + ".log");
			Files.deleteIfExists(gcLog);
			List<String> jvm = new ArrayList<>();
			if (scenario.jobHeap() != null) {
				jvm.add(scenario.jobHeap());
			}
			jvm.add("-Xlog:gc:file=" + gcLog.toAbsolutePath());
			// default settings: no WRITEBACK_* overrides; H2 file repository and reports
			// under the working directory
			Map<String, String> env = Map.of("GRAPH_BASE_URL", sim.baseUrl(), "GRAPH_ACCESS_TOKEN", TOKEN);
			long start = System.nanoTime();
			Process process = JobCommand.apply(work, definition, env, log, jvm.toArray(String[]::new));
			long peakRssKb = 0;
			long peakRepositoryBytes = 0;
			while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
				peakRssKb = Math.max(peakRssKb, vmHwmKb(process.pid()));
				peakRepositoryBytes = Math.max(peakRepositoryBytes, RepositorySize.sizeOf(RepositorySize.file(work)));
			}
			double wall = (System.nanoTime() - start) / 1e9;
			WRITE_SECONDS.put(scenario.key(), writeSeconds(sim));
			SimulatorCounters c = sim.counters();
			long changed = tenant.changed(false);
			boolean ok = process.exitValue() == 0 && changed == tenant.needed();
			String note = ok ? "" : "exit " + process.exitValue() + ", see " + log;
			long[] heap = heapMb(gcLog);
			if (process.exitValue() == 0) {
				RepositorySize size = RepositorySize.measure(scenario.key(), scenario.groups(), work,
						peakRepositoryBytes);
				System.out.print(size.describe());
				REPOSITORY_SIZES.append(size.describe());
			}
			try (var paths = Files.walk(work)) { // the H2 file of the 1,000,000-group run
													// is 1.5 GB
				paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
			return new Row(scenario,
					"writeback-batch (defaults)" + (scenario.jobHeap() == null ? "" : " " + scenario.jobHeap()), wall,
					changed, c, tenant.needed(), false, note, heap[0], heap[1], peakRssKb / 1024, ok);
		}
	}

	/**
	 * Per scenario: seconds from the first to the last group PATCH applied, the part the
	 * pacer decides.
	 */
	static final Map<String, Double> WRITE_SECONDS = new java.util.HashMap<>();

	static double writeSeconds(GraphSimulator sim) {
		List<java.time.Instant> patches = sim.audit()
			.stream()
			.filter(e -> e.method().equals("PATCH"))
			.map(io.writebackbatch.simulator.AuditEntry::time)
			.sorted()
			.toList();
		return patches.size() < 2 ? 0
				: Duration.between(patches.get(0), patches.get(patches.size() - 1)).toNanos() / 1e9;
	}

	/** One line per job run: what it left in its job repository. */
	static final StringBuilder REPOSITORY_SIZES = new StringBuilder();

	static long vmHwmKb(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | UncheckedIOException | NumberFormatException e) {
			// the process ended between two polls
		}
		return 0;
	}

	private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

	/**
	 * The largest heap occupancy the GC log shows: {@code before} = occupancy before a
	 * collection (the peak since the last one; with a heap limit G1 lets it grow close to
	 * the limit), {@code after} = the largest live set after one.
	 */
	static long[] heapMb(Path gcLog) throws IOException {
		long[] peak = { -1, -1 };
		if (!Files.exists(gcLog)) {
			return peak;
		}
		for (String line : Files.readAllLines(gcLog)) {
			Matcher m = GC_LINE.matcher(line);
			while (m.find()) {
				peak[0] = Math.max(peak[0], Long.parseLong(m.group(1)));
				peak[1] = Math.max(peak[1], Long.parseLong(m.group(2)));
			}
		}
		return peak;
	}

	// ------------------------------------------------------------------ table

	static double sustainedWriteRate(Scenario s) {
		ThrottleConfig t = s.throttling();
		return t.enabled() ? t.writes() / (t.writeWindow().toMillis() / 1000.0) * t.timeScale() : 0;
	}

	private static Row print(Row row) {
		System.out.printf(Locale.ROOT, "%s: %.1f s, %,d changed, %,d requests, %,d writes sent, %,d 429s %s%n",
				row.contender(), row.wallSeconds(), row.changed(), row.requests(), row.writesSent(),
				row.counters().throttled429(), row.note());
		return row;
	}

	static String table(List<Row> rows) {
		StringBuilder b = new StringBuilder();
		b.append(
				"| scenario | contender | wall s | groups changed | changed/s | requests | writes sent | 429s (% of ops) "
						+ "| write budget used | theoretical min s | wall / min | peak heap MB (live after GC) | peak RSS MB |\n");
		b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Row r : rows) {
			double rate = sustainedWriteRate(r.scenario());
			double min = rate > 0 ? r.writesNeeded() / rate : 0;
			double budgetUsed = rate > 0
					? r.counters().writesApplied() / (r.scenario().throttling().writes() + rate * r.wallSeconds()) : 0;
			String mark = r.extrapolated() ? "~" : "";
			b.append(String.format(Locale.ROOT,
					"| %s | %s%s | %s%.1f | %,d | %s%,.0f | %s%,d | %s%,d | %,d (%.2f %%) | %s | %s | %s | %s | %s |%n",
					r.scenario().key(), r.contender(), r.ok() ? "" : " **FAILED: " + r.note() + "**", mark,
					r.wallSeconds(), r.changed(), mark, r.changed() / r.wallSeconds(), mark, r.requests(), mark,
					r.writesSent(), r.counters().throttled429(),
					100.0 * r.counters().throttled429() / Math.max(1, r.operations()),
					rate > 0 ? String.format(Locale.ROOT, "%s%.0f %%", mark, 100 * budgetUsed) : "n/a",
					rate > 0 ? String.format(Locale.ROOT, "%.1f", min) : "n/a",
					rate > 0 ? String.format(Locale.ROOT, "%s%.2f", mark, r.wallSeconds() / min) : "n/a",
					r.peakHeapMb() < 0 ? "-" : r.peakHeapMb() + " (" + r.liveHeapMb() + ")",
					r.peakRssMb() < 0 ? "-" : Long.toString(r.peakRssMb())));
		}
		b.append("\n~ extrapolated:\n");
		rows.stream()
			.filter(Row::extrapolated)
			.forEach(r -> b.append("- ")
				.append(r.scenario().key())
				.append(' ')
				.append(r.contender())
				.append(": ")
				.append(r.note())
				.append('\n'));
		b.append(String
			.format(Locale.ROOT, "%nTheoretical minimum = writes needed / sustained write rate after the burst "
					+ "(large tenant 3,000 writes / 150 s x %.0f = %.0f writes/s). Write budget used = writes accepted / "
					+ "(burst 3,000 + sustained rate x wall time). %% of ops: 429s / (requests other than $batch envelopes + "
					+ "batch sub-requests).%n", TIME_SCALE, 3000 / 150.0 * TIME_SCALE));
		b.append(targets(rows));
		if (!REPOSITORY_SIZES.isEmpty()) {
			b.append("\nJob repository size per group (H2 file, compacted when the command ends):\n")
				.append(REPOSITORY_SIZES);
		}
		return b.toString();
	}

	static String targets(List<Row> rows) {
		StringBuilder b = new StringBuilder("\nTargets (ratios within this run):\n");
		for (Row job : rows) {
			if (!job.contender().startsWith("writeback-batch")) {
				continue;
			}
			Row base = rows.stream()
				.filter(r -> r.scenario() == job.scenario() && !r.contender().startsWith("writeback"))
				.findFirst()
				.orElse(null);
			switch (job.scenario().key()) {
				case "budget" -> {
					double min = job.writesNeeded() / sustainedWriteRate(job.scenario());
					double share = 100.0 * job.counters().throttled429() / Math.max(1, job.operations());
					b.append(String.format(Locale.ROOT,
							"- budget-bound: job wall / theoretical min = %.2f (target <= 1.10); "
									+ "429s = %.2f %% of ops, %.2f %% of HTTP requests (target <= 1 %%)%n",
							job.wallSeconds() / min, share,
							100.0 * job.counters().throttled429() / Math.max(1, job.requests())));
				}
				case "one-second", "one-second-steps", "one-second-envelope", "graph", "graph-steps",
						"graph-envelope" -> {
					double floor = (job.writesNeeded() - job.scenario().throttling().writes())
							/ sustainedWriteRate(job.scenario());
					double writes = WRITE_SECONDS.getOrDefault(job.scenario().key(), 0.0);
					b.append(String
						.format(Locale.ROOT, "- %s: writes (first to last PATCH, %.1f s) / floor = %.3f (target <= "
								+ "1.05); wall / floor = %.3f (floor = (writes needed %,d - burst %,d) / %.0f writes/s = %.1f s; the "
								+ "wall includes start-up, inventory, plan and report); 429s = %.2f %% of writes (target <= 0.5 %%)%n",
								job.scenario().title(), writes, writes / floor, job.wallSeconds() / floor,
								job.writesNeeded(), job.scenario().throttling().writes(),
								sustainedWriteRate(job.scenario()), floor,
								100.0 * job.counters().throttled429() / Math.max(1, job.writesNeeded())));
				}
				case "latency" -> b.append(String.format(Locale.ROOT,
						"- latency-bound: baseline wall / job wall = %s (target >= 20)%n", base == null ? "n/a"
								: String.format(Locale.ROOT, "%.1f", base.wallSeconds() / job.wallSeconds())));
				case "raw" ->
					b.append(String.format(Locale.ROOT, "- raw efficiency: %,.0f groups changed/s (target >= 2,000)%n",
							job.changed() / job.wallSeconds()));
				case "scale" -> b.append(String.format(Locale.ROOT,
						"- scale: %s, peak heap %d MB, largest live set after GC %d MB (target < 512 MB), peak RSS %d MB%n",
						job.ok() ? "completed" : "FAILED", job.peakHeapMb(), job.liveHeapMb(), job.peakRssMb()));
				default -> {
				}
			}
		}
		b.append("\nRun ")
			.append(LocalDate.now())
			.append(", ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" cores.\n");
		return b.toString();
	}

}

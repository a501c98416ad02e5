package io.writebackbatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.writebackbatch.bench.ThroughputBench.Scenario;
import io.writebackbatch.bench.ThroughputBench.Tenant;
import io.writebackbatch.e2e.PostgresDatabase;
import io.writebackbatch.simulator.FaultConfig;
import io.writebackbatch.simulator.ThrottleConfig;

/**
 * ThroughputBench's {@code fleet} scenario (issue 22 item 5): N simulated tenants
 * ({@code -Dbench.tenants=1,3,10}), each with its own tenant id, token and write bucket
 * (a budget-limited bucket, so a tenant's floor is Graph's budget and not the CPU), one
 * PostgreSQL job repository for all, one job process per tenant declaring its tenant
 * ({@code WRITEBACK_TENANT_ID}). Each tenant is applied alone first (its floor), then all
 * N at once; the table compares each tenant's wall time with its floor and the fleet's
 * with the slowest floor × 1.1, and says how busy the machine and the repository were
 * during the fleet run, so a missed goal names its bottleneck.
 */
final class FleetScenario {

	/** The goal: the fleet takes no longer than its slowest tenant alone × this. */
	static final double GOAL = 1.1;

	/**
	 * Each tenant's write bucket: its burst, refilled at
	 * {@code bench.fleet.writes-per-second}.
	 */
	static final int BUCKET = 40;

	/** A busy share of all cores at or above which the machine is the bottleneck. */
	static final double SATURATED = 0.9;

	private FleetScenario() {
	}

	/**
	 * One tenant's apply: its wall time, first-to-last PATCH, and whether it ended exact.
	 */
	record Apply(double wallSeconds, double writeSeconds, long needed, boolean ok, String note) {
	}

	static String run(Path out) throws Exception {
		List<Integer> sizes = Stream.of(System.getProperty("bench.tenants", "1,3,10").split(","))
			.map(String::strip)
			.map(Integer::valueOf)
			.toList();
		int writesPerSecond = Integer.getInteger("bench.fleet.writes-per-second", 20);
		int groups = Integer.getInteger("bench.groups", 2_000);
		// a bucket of at least two batches of 20 writes: the pacer's known gap is a
		// bucket
		// smaller than one batch (CHANGELOG, Known gaps)
		Scenario scenario = new Scenario(
				"fleet", "fleet: " + groups + " groups per tenant, each its own write bucket of " + BUCKET
						+ " refilled at " + writesPerSecond + "/s, latency 50 ms + 0-20 ms, one PostgreSQL repository",
				groups,
				ThrottleConfig.oneSecondWriteBucket()
					.writes(BUCKET)
					.writeWindow(Duration.ofMillis(1000L * BUCKET / writesPerSecond)),
				FaultConfig.none().latency(Duration.ofMillis(50), Duration.ofMillis(20)), -1, null);
		System.out.printf("%n=== %s ===%n", scenario.title());
		StringBuilder report = new StringBuilder("## " + scenario.title() + "\n\n");
		try (PostgresDatabase repository = new PostgresDatabase("fleet").open()) {
			migrate(repository, out);
			int largest = sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
			List<Apply> floors = new ArrayList<>();
			for (int i = 0; i < largest; i++) {
				Apply floor = apply(scenario, repository, List.of(i), "floor", out).get(0);
				System.out.printf(Locale.ROOT, "tenant %s alone: %.1f s%n", tenantId(i), floor.wallSeconds());
				floors.add(floor);
			}
			for (int n : sizes) {
				report.append(fleet(scenario, repository, floors.subList(0, n), out));
			}
		}
		report.append(String.format(Locale.ROOT,
				"%nFloor = the tenant applied alone (same simulated tenant, same repository, nothing else of this "
						+ "benchmark running). Writes s = first to last PATCH the tenant's simulator applied. CPU from "
						+ "/proc (ticks of 1/100 s): machine = all cores; jobs = the job processes (reaped children of the "
						+ "benchmark's JVM); simulators = the benchmark's JVM itself (every simulated tenant runs in it); "
						+ "repository = the PostgreSQL postmaster and its backends; other = the rest of the machine "
						+ "(other builds, and the Maven JVM running the benchmark). Run %s, %d cores.%n",
				java.time.LocalDate.now(), Runtime.getRuntime().availableProcessors()));
		System.out.println(report);
		Files.writeString(out.resolve("fleet.md"), report);
		return report.toString();
	}

	/** All {@code floors.size()} tenants at once, with the machine's CPU around them. */
	private static String fleet(Scenario scenario, PostgresDatabase repository, List<Apply> floors, Path out)
			throws Exception {
		int n = floors.size();
		String loadBefore = CpuTimes.loadAverage();
		OptionalLong postgres = repository.serverPid();
		CpuTimes before = CpuTimes.now(postgres);
		long start = System.nanoTime();
		List<Integer> tenants = java.util.stream.IntStream.range(0, n).boxed().toList();
		List<Apply> fleet = apply(scenario, repository, tenants, "fleet-" + n, out);
		double wall = (System.nanoTime() - start) / 1e9;
		CpuTimes cpu = CpuTimes.now(postgres).since(before);
		String loadAfter = CpuTimes.loadAverage();

		StringBuilder b = new StringBuilder(
				String.format(Locale.ROOT, "### %d tenant%s at once%n%n", n, n == 1 ? "" : "s"));
		b.append("| tenant | groups to change | floor wall s | fleet wall s | fleet / floor | floor writes s "
				+ "| fleet writes s | exact |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
		for (int i = 0; i < n; i++) {
			Apply alone = floors.get(i);
			Apply together = fleet.get(i);
			b.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %.1f | %.2f | %.1f | %.1f | %s |%n", tenantId(i),
					together.needed(), alone.wallSeconds(), together.wallSeconds(),
					together.wallSeconds() / alone.wallSeconds(), alone.writeSeconds(), together.writeSeconds(),
					alone.ok() && together.ok() ? "yes" : "**no**: " + alone.note() + " " + together.note()));
		}
		double slowest = floors.stream().mapToDouble(Apply::wallSeconds).max().orElse(0);
		double limit = slowest * GOAL;
		b.append(String.format(Locale.ROOT,
				"%nFleet wall %.1f s; slowest tenant alone %.1f s × %.1f = %.1f s: %s (fleet / slowest floor = %.2f).%n",
				wall, slowest, GOAL, limit, wall <= limit ? "**goal met**" : String.format(Locale.ROOT,
						"**goal missed by %.1f s (%.1f %%)**", wall - limit, 100 * (wall - limit) / limit),
				wall / slowest));
		b.append(cpuLine(cpu, wall, loadBefore, loadAfter));
		if (wall > limit) {
			b.append(verdict(cpu, wall));
		}
		b.append('\n');
		System.out.print(b);
		return b.toString();
	}

	private static String cpuLine(CpuTimes cpu, double wall, String loadBefore, String loadAfter) {
		int cores = Runtime.getRuntime().availableProcessors();
		double busy = CpuTimes.seconds(cpu.machineBusy());
		double jobs = CpuTimes.seconds(cpu.reapedChildren());
		double simulators = CpuTimes.seconds(cpu.self());
		double postgres = cpu.repository() < 0 ? Double.NaN : CpuTimes.seconds(cpu.repository());
		double other = busy - jobs - simulators - (Double.isNaN(postgres) ? 0 : postgres);
		return String.format(Locale.ROOT,
				"CPU during the fleet run (%.1f s × %d cores = %.1f core-s): machine busy %.1f core-s (%.0f %%); "
						+ "jobs %.1f, simulators %.1f, repository %s, other %.1f core-s; load average %s before, %s after.%n",
				wall, cores, wall * cores, busy, 100 * share(cpu), jobs, simulators,
				Double.isNaN(postgres) ? "unknown (a given server)"
						: String.format(Locale.ROOT, "%.1f (%.0f %% of one core)", postgres, 100 * postgres / wall),
				other, loadBefore, loadAfter);
	}

	/** Which of the machine and the repository held the fleet back, and by how much. */
	private static String verdict(CpuTimes cpu, double wall) {
		double postgresCores = cpu.repository() < 0 ? 0 : CpuTimes.seconds(cpu.repository()) / wall;
		if (share(cpu) >= SATURATED) {
			double others = CpuTimes
				.seconds(cpu.machineBusy() - cpu.reapedChildren() - cpu.self() - Math.max(0, cpu.repository())) / wall;
			return String.format(Locale.ROOT,
					"Bottleneck: **the machine** (%.0f %% of all cores busy; of them the repository %.2f cores, processes "
							+ "outside this benchmark %.2f cores).%n",
					100 * share(cpu), postgresCores, others);
		}
		if (postgresCores >= SATURATED) {
			return String.format(Locale.ROOT, "Bottleneck: **the repository** (PostgreSQL %.2f cores).%n",
					postgresCores);
		}
		return String.format(Locale.ROOT,
				"Neither the machine (%.0f %% busy) nor the repository (%.2f cores) was saturated: compare the writes "
						+ "columns with the floors (Graph's budget per tenant) and the rest of each wall (start-up, "
						+ "inventory, report).%n",
				100 * share(cpu), postgresCores);
	}

	private static double share(CpuTimes cpu) {
		return cpu.machineBusy() / (double) Math.max(1, cpu.machineTotal());
	}

	/**
	 * Applies the given tenants at once (fresh simulated tenants, each its own job
	 * process) and waits for every one.
	 */
	private static List<Apply> apply(Scenario scenario, PostgresDatabase repository, List<Integer> indexes, String name,
			Path out) throws Exception {
		List<Tenant> tenants = new ArrayList<>();
		List<Process> processes = new ArrayList<>();
		List<Path> works = new ArrayList<>();
		List<Long> starts = new ArrayList<>();
		try {
			for (int i : indexes) {
				tenants.add(ThroughputBench.tenant(scenario,
						b -> b.token("bench-token-" + i).tenantId(tenantId(i)).seed(ThroughputBench.SEED + i)));
			}
			for (int k = 0; k < indexes.size(); k++) {
				int i = indexes.get(k);
				Path work = Files.createTempDirectory("wb-bench-fleet-");
				works.add(work);
				Path definition = work.resolve("disable.yaml");
				// a definition name of its own per measurement: no run of one measurement
				// is
				// the previous run of another
				Files.writeString(definition, "name: " + name + "\naction: disable\nmaxChanges: 5000000\n");
				Map<String, String> env = environment(repository, tenants.get(k), tenantId(i), work);
				starts.add(System.nanoTime());
				processes.add(JobCommand.apply(work, definition, env, out.resolve("job-" + name + "-" + i + ".log")));
			}
			double[] walls = new double[processes.size()];
			boolean[] done = new boolean[processes.size()];
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
			int left = processes.size();
			while (left > 0 && System.nanoTime() < deadline) {
				for (int k = 0; k < processes.size(); k++) {
					if (!done[k] && !processes.get(k).isAlive()) {
						walls[k] = (System.nanoTime() - starts.get(k)) / 1e9;
						done[k] = true;
						left--;
					}
				}
				Thread.sleep(50);
			}
			List<Apply> applies = new ArrayList<>();
			for (int k = 0; k < processes.size(); k++) {
				Process process = processes.get(k);
				Tenant tenant = tenants.get(k);
				if (!done[k]) {
					process.destroyForcibly().waitFor();
				}
				long changed = tenant.changed(false);
				boolean ok = done[k] && process.exitValue() == 0 && changed == tenant.needed();
				String log = "job-" + name + "-" + indexes.get(k) + ".log";
				applies.add(new Apply(walls[k], ThroughputBench.writeSeconds(tenant.sim()), tenant.needed(), ok,
						ok ? "" : (done[k] ? "exit " + process.exitValue() : "killed after 30 min") + ", " + changed
								+ " of " + tenant.needed() + " changed, see " + log));
			}
			return applies;
		}
		finally {
			processes.forEach(Process::destroyForcibly);
			tenants.forEach(Tenant::close);
			for (Path work : works) {
				delete(work);
			}
		}
	}

	/** One tenant's deployment: its Graph, token and tenant; the shared repository. */
	private static Map<String, String> environment(PostgresDatabase repository, Tenant tenant, String tenantId,
			Path work) {
		return Map.of("GRAPH_BASE_URL", tenant.sim().baseUrl(), "GRAPH_ACCESS_TOKEN", tenant.sim().token(),
				"WRITEBACK_TENANT_ID", tenantId, "SPRING_DATASOURCE_URL", repository.url(),
				"SPRING_DATASOURCE_USERNAME", PostgresDatabase.USERNAME, "SPRING_DATASOURCE_PASSWORD",
				PostgresDatabase.PASSWORD, "WRITEBACK_REPORT_DIRECTORY", work.resolve("reports").toString());
	}

	/**
	 * The schema is created once, before anything is timed: a production fleet's
	 * repository exists before its tenants' nightlies.
	 */
	private static void migrate(PostgresDatabase repository, Path out) throws Exception {
		Path work = Files.createTempDirectory("wb-bench-fleet-");
		try {
			Process runs = JobCommand.start(work,
					Map.of("SPRING_DATASOURCE_URL", repository.url(), "SPRING_DATASOURCE_USERNAME",
							PostgresDatabase.USERNAME, "SPRING_DATASOURCE_PASSWORD", PostgresDatabase.PASSWORD),
					out.resolve("job-fleet-migrate.log"), List.of(), "runs");
			if (!runs.waitFor(5, TimeUnit.MINUTES) || runs.exitValue() != 0) {
				runs.destroyForcibly();
				throw new IllegalStateException(
						"creating the repository's schema failed, see " + out.resolve("job-fleet-migrate.log"));
			}
		}
		finally {
			delete(work);
		}
	}

	/** Tenant {@code i}'s id: distinct per tenant, the same in every run. */
	static String tenantId(int i) {
		return String.format(Locale.ROOT, "%08x-0000-4000-8000-%012x", 0xf1ee7000L + i, i + 1L);
	}

	private static void delete(Path work) throws java.io.IOException {
		try (Stream<Path> paths = Files.walk(work)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
	}

}

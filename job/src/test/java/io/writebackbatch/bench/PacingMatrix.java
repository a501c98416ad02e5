package io.writebackbatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.writebackbatch.simulator.BatchFaults;
import io.writebackbatch.simulator.FaultConfig;
import io.writebackbatch.simulator.GaugeReading;
import io.writebackbatch.simulator.ThrottleConfig;

/**
 * The pacing table (issue 20 item 2), scenario {@code pacing} of {@link ThroughputBench}:
 * every gauge placement x both buckets x a quiet client and one whose CPU is shared with
 * busy processes, each printed as writes-time / floor and the share of writes answered
 * 429. Rows are generated from the three enums: a new placement adds its rows.
 * {@code -Dbench.pacing.scale=0.3} runs smaller tenants (the burst then weighs more);
 * {@code -Dbench.pacing.clients}, {@code .budgets}, {@code .gauges} choose rows by their
 * enum names.
 */
final class PacingMatrix {

	private PacingMatrix() {
	}

	/** Where the gauge appears in {@code $batch} answers, and what it reads. */
	enum Placement {

		ABSENT(BatchFaults.Gauge.NONE, GaugeReading.USAGE),

		STEPS(BatchFaults.Gauge.STEPS, GaugeReading.USAGE),

		ENVELOPE(BatchFaults.Gauge.ENVELOPE, GaugeReading.USAGE),

		BELOW_ONE_WHILE_EMPTY(BatchFaults.Gauge.STEPS, GaugeReading.BELOW_ONE_WHILE_EMPTY),

		GRAPH_RANGE(BatchFaults.Gauge.STEPS, GaugeReading.GRAPH_RANGE);

		final BatchFaults.Gauge where;

		final GaugeReading reading;

		Placement(BatchFaults.Gauge where, GaugeReading reading) {
			this.where = where;
			this.reading = reading;
		}

	}

	/**
	 * The two write budgets, and tenants big enough to spend each well past its burst.
	 */
	enum Budget {

		ONE_SECOND("one-second (40, 40/s)", ThrottleConfig.oneSecondWriteBucket(), 20_000),

		GRAPH("Graph's 3,000 per 150 s, refill x10 (200/s)",
				ThrottleConfig.graphLargeTenant().timeScale(ThroughputBench.TIME_SCALE), 60_000);

		final String what;

		final ThrottleConfig throttling;

		final int groups;

		Budget(String what, ThrottleConfig throttling, int groups) {
			this.what = what;
			this.throttling = throttling;
			this.groups = groups;
		}

	}

	/** The client: alone, or beside busy processes (answers read late and bunched). */
	enum Client {

		QUIET, SHARED_CPU

	}

	static void run(Path out) throws Exception {
		double scale = Double.parseDouble(System.getProperty("bench.pacing.scale", "1"));
		List<String> rows = new ArrayList<>();
		for (Client client : chosen(Client.class, "bench.pacing.clients")) {
			for (Budget budget : chosen(Budget.class, "bench.pacing.budgets")) {
				for (Placement placement : chosen(Placement.class, "bench.pacing.gauges")) {
					rows.add(row(out, placement, budget, client, (int) (budget.groups * scale)));
					System.out.print("pacing row: " + rows.get(rows.size() - 1));
				}
			}
		}
		String table = "| gauge | bucket | client | writes s | floor s | writes / floor | 429s (% of writes needed) |\n"
				+ "|---|---|---|---:|---:|---:|---:|\n" + String.join("", rows) + "\nRun " + LocalDate.now() + ", "
				+ Runtime.getRuntime().availableProcessors() + " cores, tenants x" + scale + ".\n";
		System.out.println();
		System.out.println(table);
		Files.writeString(out.resolve("pacing.md"), table);
	}

	/**
	 * The constants named in the property (comma-separated, e.g.
	 * {@code -Dbench.pacing.clients=SHARED_CPU}), or all of them.
	 */
	private static <E extends Enum<E>> List<E> chosen(Class<E> type, String property) {
		String names = System.getProperty(property, "");
		return names.isBlank() ? List.of(type.getEnumConstants())
				: Arrays.stream(names.split(",")).map(name -> Enum.valueOf(type, name.strip())).toList();
	}

	private static String row(Path out, Placement placement, Budget budget, Client client, int groups)
			throws Exception {
		String key = "pacing-" + placement.name().toLowerCase(Locale.ROOT) + "-"
				+ budget.name().toLowerCase(Locale.ROOT) + "-" + client.name().toLowerCase(Locale.ROOT);
		ThroughputBench.Scenario scenario = new ThroughputBench.Scenario(key,
				"pacing: gauge " + placement + ", " + budget.what + ", " + client + ", " + groups + " groups", groups,
				budget.throttling.gaugeReading(placement.reading),
				FaultConfig.none().latency(Duration.ofMillis(50), Duration.ofMillis(20)), -1, null, placement.where);
		System.out.printf("%n=== %s ===%n", scenario.title());
		ThroughputBench.Row job;
		try (BusyNeighbours busy = client == Client.SHARED_CPU ? BusyNeighbours.start() : BusyNeighbours.none()) {
			job = ThroughputBench.job(scenario, out);
		}
		double floor = (job.writesNeeded() - scenario.throttling().writes())
				/ ThroughputBench.sustainedWriteRate(scenario);
		double writes = ThroughputBench.WRITE_SECONDS.getOrDefault(key, 0.0);
		return String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %.1f | %s%.3f%s | %,d (%.2f %%)%s |%n", placement,
				budget.what, client, writes, floor, writes / floor <= 1.05 ? "" : "**", writes / floor,
				writes / floor <= 1.05 ? "" : "**", job.counters().throttled429(),
				100.0 * job.counters().throttled429() / Math.max(1, job.writesNeeded()),
				job.ok() ? "" : " **FAILED: " + job.note() + "**");
	}

	/**
	 * One busy process per core beside the job, each bounded by {@code timeout}
	 * ({@code bench.busy.seconds}, 900 s) in case the benchmark dies first; stopped when
	 * the job ends.
	 */
	record BusyNeighbours(List<Process> processes) implements AutoCloseable {

		static BusyNeighbours none() {
			return new BusyNeighbours(List.of());
		}

		static BusyNeighbours start() throws IOException {
			String bound = Integer.toString(Integer.getInteger("bench.busy.seconds", 900));
			List<Process> started = new ArrayList<>();
			for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
				started.add(new ProcessBuilder("timeout", bound, "sh", "-c", "while :; do :; done").start());
			}
			return new BusyNeighbours(started);
		}

		@Override
		public void close() {
			processes.forEach(Process::destroy);
		}

	}

}

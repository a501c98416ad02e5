package io.writebackbatch.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.writebackbatch.runs.RunParameters;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Samples an apply run once a second into {@code reports/<run>/timeline.csv}: groups
 * applied, 429 answers and Graph requests in flight, read from the job's own Micrometer
 * meters (so the Graph write path needs no hook). Counters are recorded as they stand
 * (cumulative, per process); the report turns them into rates. A resumed run appends to
 * the same file, and a counter that starts again from zero in the new process is read as
 * such.
 */
@Component
public class ApplyTimeline implements JobExecutionListener {

	static final String FILE = "timeline.csv";

	private static final Logger log = LoggerFactory.getLogger(ApplyTimeline.class);

	private static final String[] HEADER = { "epochMillis", "applied", "throttled", "inFlight" };

	private final MeterRegistry meters;

	private final ReportLocations locations;

	private @Nullable ScheduledExecutorService sampler;

	private @Nullable CSVPrinter out;

	ApplyTimeline(MeterRegistry meters, ReportLocations locations) {
		this.meters = meters;
		this.locations = locations;
	}

	/**
	 * One sample: cumulative counts since the process started, and the requests in flight
	 * at that moment.
	 */
	record Sample(Instant at, double applied, double throttled, double inFlight) {
	}

	@Override
	public synchronized void beforeJob(JobExecution execution) {
		if (!"apply".equals(execution.getJobParameters().getString(RunParameters.MODE))) {
			return;
		}
		Path file = locations.directory(execution.getJobInstance().getInstanceId()).resolve(FILE);
		try {
			Files.createDirectories(file.getParent());
			boolean fresh = !Files.exists(file);
			out = CSVFormat.RFC4180.print(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND));
			if (fresh) {
				out.printRecord((Object[]) HEADER);
			}
		}
		catch (IOException e) {
			log.warn("no apply timeline for this run: cannot write {}: {}", file, e.getMessage());
			return;
		}
		sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "report-timeline");
			thread.setDaemon(true);
			return thread;
		});
		sampler.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
	}

	@Override
	public void afterJob(JobExecution execution) {
		ScheduledExecutorService running;
		synchronized (this) {
			running = sampler;
			sampler = null;
		}
		if (running == null) {
			return;
		}
		running.shutdown(); // never interrupt: the sampler may be writing
		try {
			running.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		synchronized (this) {
			sample();
			try {
				if (out != null) { // set whenever the sampler ran
					out.close();
				}
			}
			catch (IOException e) {
				log.warn("apply timeline incomplete: {}", e.getMessage());
			}
			out = null;
		}
	}

	private synchronized void sample() {
		if (out == null) {
			return;
		}
		try {
			out.printRecord(System.currentTimeMillis(), (long) total("writeback.groups.applied"),
					(long) total("writeback.graph.throttled"), (long) gauge());
			out.flush();
		}
		catch (IOException e) {
			log.warn("apply timeline sample lost: {}", e.getMessage());
		}
	}

	private double total(String counter) {
		return meters.find(counter).counters().stream().mapToDouble(Counter::count).sum();
	}

	/** The gauge graph/GraphTrafficInterceptor registers. */
	private double gauge() {
		return meters.find("writeback.graph.requests.inflight").gauges().stream().mapToDouble(Gauge::value).sum();
	}

	/**
	 * The samples of a run's folder, oldest first; none when the run did not apply (or
	 * the file is gone).
	 */
	static List<Sample> read(Path directory) {
		Path file = directory.resolve(FILE);
		List<Sample> samples = new ArrayList<>();
		if (!Files.isRegularFile(file)) {
			return samples;
		}
		try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			for (CSVRecord record : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
				if (record.isConsistent()) {
					samples.add(new Sample(Instant.ofEpochMilli(Long.parseLong(record.get(0))),
							Double.parseDouble(record.get(1)), Double.parseDouble(record.get(2)),
							Double.parseDouble(record.get(3))));
				}
			}
		}
		catch (IOException | RuntimeException e) {
			// a line cut short by a crash: the samples before it still tell the story
			log.debug("apply timeline read up to a damaged line: {}", e.getMessage());
		}
		return samples;
	}

}

package io.writebackbatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.writebackbatch.BuildDirectory;
import io.writebackbatch.report.SummarySchema;
import io.writebackbatch.reliability.TenantState.Writeback;
import io.writebackbatch.simulator.AuditEntry;
import io.writebackbatch.simulator.FaultConfig;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import io.writebackbatch.simulator.SimulatorCounters;
import io.writebackbatch.simulator.ThrottleConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;

/**
 * Reliability harness (issue 8): the packaged job jar, as its own process, against the
 * Graph simulator running in this JVM.
 * <ul>
 * <li>Crash trials: {@code apply} is killed (SIGKILL, or SIGTERM for the graceful-stop
 * trials) at a random moment of a phase chosen uniformly among inventory, plan, apply
 * (batches in flight) and report; then {@code scheduled} runs until the run is done (at
 * most {@value #MAX_RESUMES} times). Checked against the simulator's audit log and state:
 * every group ends in the expected state, no group outside the plan got a PATCH or
 * changed, PATCHes re-sent after the crash are no more than those in flight at the crash
 * (applied by Graph, outcome not recorded) and no more than the in-flight bound, and
 * every {@code summary.json} adds up.</li>
 * <li>Fault soak: one run under 5 % 503/504, connection resets, latency with large
 * jitter, Graph's large-tenant throttling (time-scaled) and groups deleted and created by
 * someone else during the run.</li>
 * </ul>
 * Sizes come from system properties: {@code trials}, {@code sigterm.trials},
 * {@code soak.seconds} (the {@code reliability} Maven profile raises them),
 * {@code reliability.seed} to replay a series, {@code trials.from} to continue one (its
 * trials from that number on: a series split over several runs is the same series).
 */
@EnabledIfSystemProperty(named = "writeback.it", matches = "true",
		disabledReason = "needs the packaged jar: runs in mvn verify (failsafe)")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReliabilityIT {

	static final long SEED = Long.getLong("reliability.seed", System.currentTimeMillis() % 100_000);

	static final int TRIALS = Integer.getInteger("trials", 1);

	static final int FIRST_TRIAL = Integer.getInteger("trials.from", 1);

	static final int SIGTERM_TRIALS = Integer.getInteger("sigterm.trials", 1);

	static final int SOAK_SECONDS = Integer.getInteger("soak.seconds", 20);

	static final String TOKEN = "reliability-token";

	/** The crash trials' tenant and job settings. */
	static final int GROUPS = 1000;

	static final int PAGE_SIZE = 50;

	static final int CHUNK = 100;

	static final int CONCURRENT_BATCHES = 2;

	/**
	 * At most this many PATCHes can be in flight: the batches of one chunk that run at
	 * once.
	 */
	static final int IN_FLIGHT_BOUND = Math.min(CHUNK, CONCURRENT_BATCHES * 20);

	static final int MAX_RESUMES = 4;

	/**
	 * Attempts at a trial whose job ended before its moment came (a loaded machine can be
	 * too slow to catch it).
	 */
	static final int MAX_ATTEMPTS = 3;

	static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

	static final Duration SIGTERM_GRACE = Duration.ofSeconds(60);

	static final double SOAK_TIME_SCALE = 1.5;

	static final List<String> PHASES = List.of("inventory", "plan", "apply", "report");

	/**
	 * Every trial's working directory (job logs, reports, H2 files), kept for reading:
	 * job/target/reliability/.
	 */
	static Path work;

	@BeforeAll
	static void cleanWorkDirectory() throws IOException {
		work = BuildDirectory.resolve("reliability");
		if (Files.exists(work)) {
			try (Stream<Path> files = Files.walk(work)) {
				for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(f);
				}
			}
		}
		Files.createDirectories(work);
	}

	@TestFactory
	@Order(2)
	Stream<DynamicTest> sigkillTrials() {
		return IntStream.rangeClosed(FIRST_TRIAL, TRIALS)
			.mapToObj(i -> DynamicTest.dynamicTest("SIGKILL trial " + i,
					() -> crashTrial(String.format("kill-%02d", i), true, SEED * 1000 + i)));
	}

	// first: the fewer, so a long series stopped part-way has them all (the table is
	// rewritten after every trial)
	@TestFactory
	@Order(1)
	Stream<DynamicTest> sigtermTrials() {
		return IntStream.rangeClosed(FIRST_TRIAL, SIGTERM_TRIALS)
			.mapToObj(i -> DynamicTest.dynamicTest("SIGTERM trial " + i,
					() -> crashTrial(String.format("term-%02d", i), false, SEED * 1000 + 500 + i)));
	}

	@AfterAll
	static void writeTable() throws IOException {
		ReliabilityReport.write();
	}

	// ================================================================== fault soak

	/**
	 * One apply run (resumed with {@code scheduled} after restartable failures, bounded)
	 * under every fault at once. Throttling is Graph's large-tenant budget with its
	 * refill {@value #SOAK_TIME_SCALE} times faster (3,000 writes of burst, then 30
	 * writes/s). So that a short soak meets the sustained rate and not only the burst,
	 * the harness first spends the burst itself, as another client of the same app would:
	 * PATCHes of non-existent groups, which each cost a write, are answered 404 and
	 * change nothing. The tenant is sized so the run takes about {@code soak.seconds}.
	 */
	@Test
	@Order(3)
	void faultSoak() throws Exception {
		long started = System.nanoTime();
		double sustained = 20 * SOAK_TIME_SCALE;
		// the bucket refills during the job's start-up and inventory (~10 s), then the
		// sustained rate paces apply
		int planned = (int) (sustained * Math.max(15, SOAK_SECONDS));
		int groups = (int) (planned / 0.83);
		Path dir = trialDir("soak");
		Duration runTimeout = Duration.ofSeconds(Math.max(RUN_TIMEOUT.toSeconds(), 3L * SOAK_SECONDS));
		FaultConfig faults = FaultConfig.none()
			.latency(Duration.ofMillis(5), Duration.ofMillis(600))
			.errorRate(0.05)
			.resetRate(0.02)
			.deleteRate(0.005)
			.createRate(0.005);
		try (GraphSimulator sim = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token(TOKEN)
			.seed(SEED)
			.unifiedGroups(groups)
			.nonUnifiedGroups(groups / 10)
			.throttling(ThrottleConfig.graphLargeTenant().timeScale(SOAK_TIME_SCALE))
			.build())) {
			TenantState initial = TenantState.fetch(sim);
			Set<String> expectedPlan = TenantState.disableAllPlan(sim);
			Map<String, String> env = jobEnv(dir, sim);
			spendWriteBudget(sim, ThrottleConfig.graphLargeTenant().writes());
			sim.faults(faults);
			List<Integer> codes = new ArrayList<>();
			JobProcess apply = JobProcess.start(dir, env, "1-apply", "apply", "--definition", "jobs/disable-all.yaml");
			// besides the random ones: once apply starts, delete planned groups it
			// reaches last and create new ones
			if (awaitThen(apply, () -> apply.step().equals("apply"), Duration.ZERO)) {
				expectedPlan.stream()
					.sorted(Comparator.reverseOrder())
					.limit(3)
					.forEach(id -> sim.tenant().deleteGroup(id));
				IntStream.range(0, 3).forEach(i -> sim.tenant().createUnifiedGroup("Created During Apply " + i));
			}
			codes.add(apply.awaitExit(runTimeout));
			if (codes.get(0) == 3) {
				codes.addAll(resumeUntilDone(dir, env, runTimeout));
			}
			sim.faults(FaultConfig.none());
			SimulatorCounters counters = sim.counters();

			TenantState end = TenantState.fetch(sim);
			Set<String> deletedByOthers = distinctTargets(TenantState.entries(sim, "EXTERNAL-DELETE"));
			deletedByOthers.addAll(distinctTargets(TenantState.entries(sim, "ADMIN-DELETE")));
			Map<String, Writeback> createdByOthers = new HashMap<>();
			List<AuditEntry> creations = new ArrayList<>(TenantState.entries(sim, "EXTERNAL-CREATE"));
			creations.addAll(TenantState.entries(sim, "ADMIN-CREATE"));
			for (AuditEntry e : creations) {
				createdByOthers.put(e.target(), Writeback.ofJson(TenantState.JSON.readTree(e.after())));
			}
			List<AuditEntry> patches = TenantState.patches(sim);
			Map<String, JobRepositoryDb.Row> jobPlan = new JobRepositoryDb(dir, "").plannedChanges(1);

			Set<String> lost = new HashSet<>();
			Set<String> wrong = new HashSet<>();
			int updated = 0;
			int notFound = 0;
			int failed = 0;
			for (JobRepositoryDb.Row row : jobPlan.values()) {
				String id = row.groupId();
				Writeback now = end.groups().get(id);
				boolean gone = now == null && deletedByOthers.contains(id);
				switch (String.valueOf(row.outcome())) {
					case "UPDATED" -> {
						updated++;
						if (!gone && (now == null || !Boolean.FALSE.equals(now.isEnabled()))) {
							lost.add(id);
						}
					}
					case "NOT_FOUND" -> {
						notFound++;
						if (!gone) {
							lost.add(id); // reported gone, but nobody deleted it
						}
					}
					case "FAILED" -> {
						failed++;
						if (row.errorCode() == null || row.httpStatus() == null) {
							lost.add(id); // failed without Graph's reason
						}
					}
					default -> lost.add(id); // still pending after the run completed
				}
				if (!expectedPlan.contains(id) && !createdByOthers.containsKey(id)) {
					wrong.add(id); // planned a group that was already as wanted (or not a
									// cloud group)
				}
			}
			for (String id : expectedPlan) {
				if (!jobPlan.containsKey(id) && !deletedByOthers.contains(id)) {
					lost.add(id); // missed by the inventory
				}
			}
			patches.stream().map(AuditEntry::target).filter(id -> !jobPlan.containsKey(id)).forEach(wrong::add);
			int createdOutsidePlan = 0;
			for (Map.Entry<String, Writeback> group : end.groups().entrySet()) {
				if (jobPlan.containsKey(group.getKey())) {
					continue;
				}
				Writeback before = initial.groups().containsKey(group.getKey()) ? initial.groups().get(group.getKey())
						: createdByOthers.get(group.getKey());
				if (!initial.groups().containsKey(group.getKey())) {
					createdOutsidePlan++;
				}
				if (before == null || !before.equals(group.getValue())) {
					wrong.add(group.getKey());
				}
			}
			List<String> reportProblems = checkReports(dir, 1, -1, jobPlan.size());
			boolean done = codes.get(codes.size() - 1) == 0;
			int resent = patches.size() - distinctTargets(patches).size();
			String notes = String
				.format("%,d groups in the tenant, %,d planned: %,d updated, %d not found (deleted by others), %d "
						+ "failed; faults: %d 5xx, %d resets, %d 429s, %d deleted and %d created by others (%d created "
						+ "outside the plan, untouched), write budget use at the end %.2f%s", initial.groups().size(),
						jobPlan.size(), updated, notFound, failed, counters.injected5xx(), counters.connectionResets(),
						counters.throttled429(), counters.groupsDeletedByOthers() + 3,
						counters.groupsCreatedByOthers() + 3, createdOutsidePlan, counters.writeBudgetUse(),
						reportProblems.isEmpty() ? "" : "; " + String.join("; ", reportProblems));
			boolean passed = done && lost.isEmpty() && wrong.isEmpty() && reportProblems.isEmpty();
			ReliabilityReport.add(new ReliabilityReport.Row("soak " + SOAK_SECONDS + " s", "-", "-",
					String.join(" → ", codes.stream().map(String::valueOf).toList()), done ? "completed" : "not done",
					lost.size(), wrong.size(), resent, -1, -1, reportProblems.isEmpty(),
					Duration.ofNanos(System.nanoTime() - started), passed, notes));

			assertThat(done).as("the soak run completed; exit codes %s; logs in %s", codes, dir).isTrue();
			assertThat(lost).as("planned groups neither in the desired state nor reported with a reason").isEmpty();
			assertThat(wrong).as("groups outside the plan that were patched or changed").isEmpty();
			assertThat(reportProblems).as("summary.json counts").isEmpty();
		}
	}

	/**
	 * Spends {@code writes} of the app's write budget with PATCHes of random
	 * (non-existent) group ids: 404, no change.
	 */
	static void spendWriteBudget(GraphSimulator sim, int writes) throws IOException, InterruptedException {
		HttpClient http = HttpClient.newHttpClient();
		for (int sent = 0; sent < writes; sent += 20) {
			StringBuilder body = new StringBuilder("{\"requests\":[");
			for (int i = 0; i < Math.min(20, writes - sent); i++) {
				body.append(i == 0 ? "" : ",")
					.append("{\"id\":\"")
					.append(i + 1)
					.append("\",\"method\":\"PATCH\",\"url\":\"/groups/")
					.append(UUID.randomUUID())
					.append("\",\"headers\":{\"Content-Type\":\"application/json\"},")
					.append("\"body\":{\"writebackConfiguration\":{\"isEnabled\":false}}}");
			}
			body.append("]}");
			var response = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/$batch"))
				.header("Authorization", "Bearer " + TOKEN)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
				.build(), HttpResponse.BodyHandlers.discarding());
			assertThat(response.statusCode()).as("$batch spending the write budget").isEqualTo(200);
		}
	}

	// ================================================================== crash trials

	void crashTrial(String name, boolean sigkill, long seed) throws Exception {
		int attempt = 1;
		while (!crashTrial(name, sigkill, seed, attempt)) {
			attempt++;
		}
	}

	/**
	 * One attempt at a trial; false (nothing recorded) when the job ended before the
	 * signal's moment and attempts are left: the next attempt replays the same phase and
	 * moment on a fresh tenant.
	 */
	boolean crashTrial(String name, boolean sigkill, long seed, int attempt) throws Exception {
		// SplittableRandom mixes its seed: java.util.Random's first values from
		// consecutive seeds are alike
		SplittableRandom random = new SplittableRandom(seed);
		String phase = PHASES.get(random.nextInt(PHASES.size()));
		long started = System.nanoTime();
		Path dir = trialDir(attempt == 1 ? name : name + "-attempt-" + attempt);
		try (GraphSimulator sim = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token(TOKEN)
			.seed(seed)
			.unifiedGroups(GROUPS)
			.nonUnifiedGroups(GROUPS / 10)
			.faults(FaultConfig.none().latency(Duration.ofMillis(15), Duration.ofMillis(15)))
			.build())) {
			TenantState initial = TenantState.fetch(sim);
			Set<String> plan = TenantState.disableAllPlan(sim);
			Map<String, String> env = jobEnv(dir, sim);
			env.put("WRITEBACK_GRAPH_PAGE_SIZE", Integer.toString(PAGE_SIZE));
			env.put("WRITEBACK_APPLY_CHUNK_SIZE", Integer.toString(CHUNK));
			env.put("WRITEBACK_GRAPH_MAX_CONCURRENT_BATCHES", Integer.toString(CONCURRENT_BATCHES));

			JobProcess job = JobProcess.start(dir, env, "1-apply", "apply", "--definition", "jobs/disable-all.yaml");
			int pages = (GROUPS + PAGE_SIZE - 1) / PAGE_SIZE;
			int pageTarget = 1 + random.nextInt(pages - 1);
			int patchTarget = 1 + random.nextInt(plan.size() - 1);
			int delayMs = switch (phase) {
				case "plan" -> random.nextInt(80);
				case "report" -> random.nextInt(30);
				default -> random.nextInt(10);
			};
			BooleanSupplier reached = switch (phase) {
				case "inventory" ->
					() -> job.step().equals("inventory") && sim.counters().groupListPages() >= pageTarget;
				case "plan" -> () -> job.step().equals("plan");
				case "apply" -> () -> sim.counters().writesApplied() >= patchTarget;
				default -> () -> job.step().equals("report");
			};
			boolean signalled = awaitThen(job, reached, Duration.ofMillis(delayMs));
			if (!signalled && attempt < MAX_ATTEMPTS) {
				job.awaitExit(RUN_TIMEOUT);
				return false;
			}
			String atSignal = job.step();
			String signalledExit;
			String ending;
			JobProcess.Termination termination = null;
			List<String> notes = new ArrayList<>();
			if (attempt > 1) {
				notes.add("attempt " + attempt + ": the job had ended before the moment " + (attempt - 1) + " time(s)");
			}
			if (!signalled) {
				int code = job.awaitExit(RUN_TIMEOUT);
				signalledExit = code + " (ended before the signal)";
				ending = "not signalled";
				atSignal = "-";
			}
			else if (sigkill) {
				signalledExit = Integer.toString(job.kill());
				ending = "killed";
			}
			else {
				termination = job.terminate(SIGTERM_GRACE);
				signalledExit = Integer.toString(termination.exitCode());
				ending = !termination.endedByItself() ? "killed after " + SIGTERM_GRACE.toSeconds() + " s"
						: termination.exitCode() == 3 ? "graceful (exit 3)" : "exited " + termination.exitCode();
			}
			awaitQuiet(sim);
			JobRepositoryDb db = new JobRepositoryDb(dir, "");
			String statusAtSignal = db.lastExecutionStatus();
			if (termination != null) {
				ending += ", " + statusAtSignal;
			}
			boolean gracefulStop = termination == null
					|| termination.endedByItself() && (termination.exitCode() == 3 && statusAtSignal.equals("STOPPED")
							|| completedFirst(phase, termination, statusAtSignal));
			Set<String> appliedAtSignal = distinctTargets(TenantState.patches(sim));
			Set<String> unrecorded = new HashSet<>(appliedAtSignal);
			unrecorded.removeAll(db.recordedUpdated());
			int inFlight = unrecorded.size();

			List<Integer> resumes = resumeUntilDone(dir, env, RUN_TIMEOUT);

			TenantState end = TenantState.fetch(sim);
			List<AuditEntry> patches = TenantState.patches(sim);
			Set<String> patched = distinctTargets(patches);
			int resent = patches.size() - patched.size();
			Set<String> lost = new HashSet<>();
			Set<String> wrong = new HashSet<>();
			for (Map.Entry<String, Writeback> group : initial.groups().entrySet()) {
				Writeback now = end.groups().get(group.getKey());
				Writeback expected = plan.contains(group.getKey()) ? group.getValue().disabled() : group.getValue();
				if (!expected.equals(now)) {
					(plan.contains(group.getKey()) ? lost : wrong).add(group.getKey());
				}
			}
			patched.stream().filter(id -> !plan.contains(id)).forEach(wrong::add);
			Map<String, JobRepositoryDb.Row> jobPlan = db.plannedChanges(1);
			if (!jobPlan.keySet().equals(plan)) {
				notes.add("job's plan differs from the expected one");
			}
			List<String> reportProblems = checkReports(dir, 1, GROUPS, plan.size());
			if (!reportProblems.isEmpty()) {
				notes.add(String.join("; ", reportProblems));
			}
			boolean done = !resumes.isEmpty() && resumes.get(resumes.size() - 1) == 0;
			if (!done) {
				notes.add("not done after " + resumes.size() + " resumes");
			}
			if (!gracefulStop) {
				notes.add("SIGTERM did not end in a graceful stop");
			}
			// a graceful stop lets the batches in flight settle and records them: nothing
			// is left to send twice
			boolean resentAfterStop = termination != null && resent > 0;
			if (resentAfterStop) {
				notes.add("PATCHes re-sent after a graceful stop");
			}
			boolean passed = signalled && gracefulStop && !resentAfterStop && done && lost.isEmpty() && wrong.isEmpty()
					&& resent <= inFlight && inFlight <= IN_FLIGHT_BOUND && reportProblems.isEmpty()
					&& jobPlan.keySet().equals(plan);
			String exits = signalledExit + " → " + String.join(", ", resumes.stream().map(String::valueOf).toList());
			ReliabilityReport
				.add(new ReliabilityReport.Row(name, sigkill ? "SIGKILL" : "SIGTERM", phase + " → " + atSignal, exits,
						ending, lost.size(), wrong.size(), resent, inFlight, IN_FLIGHT_BOUND, reportProblems.isEmpty(),
						Duration.ofNanos(System.nanoTime() - started), passed, String.join("; ", notes)));

			assertThat(signalled)
				.as("the job was still running when the %s point was reached (log %s)", phase, job.log())
				.isTrue();
			assertThat(gracefulStop)
				.as("SIGTERM: the process stopped by itself within %s, exit 3, execution STOPPED "
						+ "(was: %s, %s; log %s)", SIGTERM_GRACE, signalledExit, ending, job.log())
				.isTrue();
			assertThat(done).as("the run finished after resuming; exit codes %s; logs in %s", exits, dir).isTrue();
			assertThat(lost).as("planned groups not in the expected state").isEmpty();
			assertThat(wrong).as("groups outside the plan that were patched or changed").isEmpty();
			assertThat(jobPlan.keySet()).as("the job's plan").isEqualTo(plan);
			assertThat(inFlight).as("PATCHes applied but not recorded at the crash")
				.isLessThanOrEqualTo(IN_FLIGHT_BOUND);
			assertThat(resent).as("PATCHes re-sent after the crash").isLessThanOrEqualTo(inFlight);
			assertThat(resentAfterStop).as("PATCHes re-sent after a graceful stop (%d)", resent).isFalse();
			assertThat(reportProblems).as("summary.json counts").isEmpty();
			return true;
		}
	}

	/**
	 * A SIGTERM that lands while the report step writes the last report may find nothing
	 * left to stop: the run then ends COMPLETED with exit 0, which is as graceful (and
	 * {@code scheduled} has nothing to do).
	 */
	static boolean completedFirst(String phase, JobProcess.Termination termination, String status) {
		return phase.equals("report") && termination.exitCode() == 0 && status.equals("COMPLETED");
	}

	/**
	 * Waits until {@code reached} (the job still running), then {@code delay}; false if
	 * the job ended first.
	 */
	static boolean awaitThen(JobProcess job, BooleanSupplier reached, Duration delay) throws InterruptedException {
		long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
		while (!reached.getAsBoolean()) {
			if (!job.isAlive()) {
				return false;
			}
			if (System.nanoTime() > deadline) {
				job.kill();
				throw new AssertionError("crash point not reached within " + RUN_TIMEOUT + "; log " + job.log());
			}
			Thread.sleep(2);
		}
		if (!delay.isZero()) {
			Thread.sleep(delay.toMillis());
		}
		return job.isAlive();
	}

	/**
	 * Runs {@code scheduled} until it exits 0 (or something other than 3 "restartable"),
	 * at most MAX_RESUMES times.
	 */
	static List<Integer> resumeUntilDone(Path dir, Map<String, String> env, Duration timeout) throws Exception {
		List<Integer> codes = new ArrayList<>();
		for (int attempt = 1; attempt <= MAX_RESUMES; attempt++) {
			JobProcess resume = JobProcess.start(dir, env, (attempt + 1) + "-scheduled", "scheduled", "--definition",
					"jobs/disable-all.yaml");
			int code = resume.awaitExit(timeout);
			codes.add(code);
			if (code != 3) {
				break;
			}
		}
		return codes;
	}

	/**
	 * Waits until the simulator has answered no request for 300 ms (a killed client's
	 * last batch lands), max 10 s.
	 */
	static void awaitQuiet(GraphSimulator sim) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		long last = -1;
		while (System.nanoTime() < deadline) {
			long now = sim.counters().requests();
			if (now == last) {
				return;
			}
			last = now;
			Thread.sleep(300);
		}
	}

	static Set<String> distinctTargets(List<AuditEntry> entries) {
		Set<String> ids = new HashSet<>();
		entries.forEach(e -> ids.add(e.target()));
		return ids;
	}

	/**
	 * Every {@code reports/<run>/summary.json} holds to summary.schema.json and adds up
	 * (groups = change + skip; change = updated + notFound + failed + pending); run
	 * {@code runId} has nothing pending, {@code groups} read and {@code changes} planned
	 * (either may be negative: not checked).
	 */
	static List<String> checkReports(Path dir, long runId, int groups, int changes) throws IOException {
		List<String> problems = new ArrayList<>();
		Path reports = dir.resolve("reports");
		List<Path> summaries;
		try (Stream<Path> files = Files.exists(reports) ? Files.walk(reports, 2) : Stream.empty()) {
			summaries = files.filter(f -> f.getFileName().toString().equals("summary.json")).toList();
		}
		boolean sawRun = false;
		for (Path file : summaries) {
			JsonNode s;
			try {
				s = SummarySchema.read(file);
			}
			catch (AssertionError e) {
				problems.add(e.getMessage());
				continue;
			}
			long g = s.path("groups").asLong(-1);
			long change = s.path("change").asLong(-1);
			long skip = s.path("skip").asLong(-1);
			long sum = s.path("updated").asLong(-1) + s.path("notFound").asLong(-1) + s.path("failed").asLong(-1)
					+ s.path("pending").asLong(-1);
			String run = dir.relativize(file).toString();
			if (g != change + skip) {
				problems.add(run + ": groups " + g + " != change " + change + " + skip " + skip);
			}
			if (change != sum) {
				problems.add(run + ": change " + change + " != updated + notFound + failed + pending " + sum);
			}
			if (s.path("runId").asLong() == runId) {
				sawRun = true;
				if (s.path("pending").asLong() != 0) {
					problems.add(run + ": " + s.path("pending").asLong() + " pending");
				}
				if (groups >= 0 && g != groups) {
					problems.add(run + ": " + g + " groups, expected " + groups);
				}
				if (changes >= 0 && change != changes) {
					problems.add(run + ": " + change + " changes, expected " + changes);
				}
			}
		}
		if (!sawRun) {
			problems.add("no reports/" + runId + "/summary.json");
		}
		return problems;
	}

	static Path trialDir(String name) throws IOException {
		Path dir = Files.createDirectories(work.resolve(name));
		Path jobs = Files.createDirectories(dir.resolve("jobs"));
		Files.copy(Path.of(System.getProperty("user.dir"), "jobs", "disable-all.yaml"),
				jobs.resolve("disable-all.yaml"));
		return dir;
	}

	static Map<String, String> jobEnv(Path dir, GraphSimulator sim) {
		Map<String, String> env = new HashMap<>();
		env.put("GRAPH_BASE_URL", sim.baseUrl());
		env.put("GRAPH_ACCESS_TOKEN", TOKEN);
		env.put("SPRING_DATASOURCE_URL", JobRepositoryDb.url(dir));
		env.put("WRITEBACK_REPORT_DIRECTORY", dir.resolve("reports").toString());
		return env;
	}

}

package io.writebackbatch.retention;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.changecontrol.InventoryPolicy;
import io.writebackbatch.domain.TenantId;
import io.writebackbatch.report.ReportWriter;
import io.writebackbatch.runs.ChangeControlProperties;
import io.writebackbatch.runs.RunHistory;
import io.writebackbatch.runs.RunKey;
import io.writebackbatch.runs.RunParameters;
import io.writebackbatch.runs.RunRefusedException;
import io.writebackbatch.staging.ChangeControlRepository;
import io.writebackbatch.staging.StagingRepository;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

/**
 * Removes what old runs left behind: their staging rows, their report folder and their
 * Spring Batch metadata (job instance, executions, step executions, contexts), so that
 * {@code runs} no longer lists them and a rollback of one is refused as of a run that
 * does not exist rather than planned from missing rows. Never touched: a definition's
 * newest run (resume and {@code scheduled} continue it), a run in progress, the newest
 * {@code keepApplies} applies of each definition that changed something (the rollback
 * window: a rollback reads the previous states they recorded; a no-op nightly does not
 * push one out) and any run whose rollback is unfinished, each definition's unfinished
 * run and the plan it carries out, the applies an incremental inventory still re-reads,
 * and plans young enough to be carried out with {@code apply --plan}. Of the rest, a run
 * is pruned when it ended longer ago than {@code maxAge} or is beyond its definition's
 * newest {@code keepRuns}.
 */
@Service
public class PruneService {

	private static final Logger log = LoggerFactory.getLogger(PruneService.class);

	private static final int HISTORY = 100_000;

	private static final String ROLLBACK_KEY = "rollback-of-";

	private final JobRepository repository;

	private final StagingRepository staging;

	private final ReportWriter reports;

	private final ChangeControlRepository changeControl;

	private final InventoryPolicy inventories;

	private final ChangeControlProperties changeControlProperties;

	public PruneService(JobRepository repository, StagingRepository staging, ReportWriter reports,
			ChangeControlRepository changeControl, InventoryPolicy inventories,
			ChangeControlProperties changeControlProperties) {
		this.repository = repository;
		this.staging = staging;
		this.reports = reports;
		this.changeControl = changeControl;
		this.inventories = inventories;
		this.changeControlProperties = changeControlProperties;
	}

	/**
	 * The tenants whose runs the repository holds (a run without a tenant refuses, as
	 * every command that works with runs does).
	 */
	public Set<TenantId> tenants() {
		Set<TenantId> tenants = new TreeSet<>(Comparator.comparing(TenantId::value));
		for (JobExecution run : lastExecutions()) {
			tenants.add(RunKey.tenant(run).orElseThrow(() -> unassigned(run)).id());
		}
		return tenants;
	}

	private static RunRefusedException unassigned(JobExecution run) {
		return new RunRefusedException(FailureKind.INVALID_INPUT,
				"run " + run.getJobInstance().getInstanceId()
						+ " was recorded before runs had a tenant; nothing is pruned until each run has one: name the "
						+ "tenant with 'assign-tenant --tenant <tenant id>'");
	}

	private List<JobExecution> lastExecutions() {
		List<JobExecution> runs = new ArrayList<>();
		for (JobInstance instance : repository.getJobInstances(RunParameters.JOB_NAME, 0, HISTORY)) {
			JobExecution last = repository.getLastJobExecution(instance);
			if (last != null) {
				runs.add(last);
			}
		}
		return runs;
	}

	/**
	 * What a prune with these limits would do to every run of {@code tenant}, newest
	 * first; another tenant's runs are neither counted nor touched. Changes nothing.
	 */
	public List<RunVerdict> plan(RetentionProperties limits, LocalDateTime now, TenantId tenant) {
		if (limits.keepApplies() < 1) {
			throw new IllegalArgumentException("keep-applies " + limits.keepApplies() + " would delete the previous "
					+ "states every rollback reads; keep at least the newest apply of each definition (1 or more)");
		}
		List<JobExecution> runs = new ArrayList<>();
		for (JobExecution run : lastExecutions()) {
			if (RunKey.tenant(run).orElseThrow(() -> unassigned(run)).id().equals(tenant)) {
				runs.add(run);
			}
		}
		runs.sort(Comparator.comparingLong((JobExecution e) -> e.getJobInstance().getInstanceId()).reversed());
		Set<Long> rollbackUnfinished = rollbacksUnfinished(runs);
		Set<Long> revisited = new HashSet<>();
		runs.stream()
			.map(run -> RunKey.of(run).orElseThrow())
			.distinct()
			.forEach(key -> revisited.addAll(inventories.runsToRevisit(key, Long.MAX_VALUE)));
		Map<Long, String> pending = pendingOperations(runs);
		// a plan is carried out once: after its application (finished, or ended by a
		// rollback) apply --plan refuses it
		Set<Long> carriedOut = runs.stream()
			.map(run -> run.getJobParameters().getLong(RunParameters.APPLIES_PLAN))
			.filter(Objects::nonNull)
			.collect(Collectors.toSet());
		Set<Long> changedSomething = changeControl.runsThatChangedSomething();
		Map<RunKey, Integer> seenRuns = new HashMap<>();
		Map<RunKey, Integer> seenApplies = new HashMap<>();
		Map<Long, Long> rows = staging.groupCountsByRun();
		List<RunVerdict> verdicts = new ArrayList<>();
		for (JobExecution run : runs) {
			long id = run.getJobInstance().getInstanceId();
			RunKey definition = RunKey.of(run).orElseThrow();
			String mode = run.getJobParameters().getString(RunParameters.MODE);
			int rank = seenRuns.merge(definition, 1, Integer::sum);
			int applyRank = "apply".equals(mode) && changedSomething.contains(id)
					? seenApplies.merge(definition, 1, Integer::sum) : 0;
			LocalDateTime ended = run.getEndTime() != null ? run.getEndTime() : run.getStartTime();
			String keep = rank == 1
					? "newest run of its definition"
							+ (RunHistory.isUnfinished(run) ? " (resume and scheduled continue from it)" : "")
					: run.isRunning() ? "in progress" : pending.containsKey(id) ? pending.get(id)
							: applyRank >= 1 && applyRank <= limits.keepApplies()
									? "one of the newest " + limits.keepApplies()
											+ " applies of its definition that changed something: a rollback reads its "
											+ "previous states"
									: rollbackUnfinished.contains(id) ? "its rollback is unfinished" : revisited
										.contains(id)
												? "an incremental inventory still re-reads the groups it changed"
												: "plan".equals(mode) && !carriedOut.contains(id)
														&& run.getJobParameters()
															.getLong(RunParameters.ROLLBACK_OF) == null
														&& ended != null
														&& ended
															.isAfter(now.minus(changeControlProperties.maxPlanAge()))
																	? "a plan that may still be carried out (apply --plan)"
																	: null;
			String prune = keep != null ? null
					: ended != null && ended.isBefore(now.minus(limits.maxAge()))
							? "ended more than " + age(limits.maxAge()) + " ago" : rank > limits.keepRuns()
									? "beyond the newest " + limits.keepRuns() + " runs of its definition" : null;
			verdicts.add(new RunVerdict(id, run.getJobParameters().getString(RunParameters.DEFINITION_NAME), mode,
					run.getStatus().name(), ended, rows.getOrDefault(id, 0L), prune != null,
					prune != null ? prune : keep != null ? keep : "within retention"));
		}
		return verdicts;
	}

	/**
	 * What unfinished work needs, by run: each definition's unfinished run (resume,
	 * {@code scheduled} or {@code apply --plan} continue it) and, when it carries out a
	 * plan, that plan (its change set is what it applies).
	 */
	private static Map<Long, String> pendingOperations(List<JobExecution> newestFirst) {
		Map<RunKey, List<JobExecution>> byDefinition = new LinkedHashMap<>();
		newestFirst.forEach(
				run -> byDefinition.computeIfAbsent(RunKey.of(run).orElseThrow(), d -> new ArrayList<>()).add(run));
		Map<Long, String> pending = new HashMap<>();
		byDefinition.values().forEach(runs -> RunHistory.unfinished(runs).ifPresent(unfinished -> {
			long id = unfinished.getJobInstance().getInstanceId();
			pending.put(id, "unfinished: resume, scheduled or apply --plan continue it");
			Long plan = unfinished.getJobParameters().getLong(RunParameters.APPLIES_PLAN);
			if (plan != null) {
				pending.put(plan, "the plan that unfinished run " + id + " carries out");
			}
		}));
		return pending;
	}

	private static String age(Duration age) {
		long seconds = age.toSeconds();
		return seconds > 0 && seconds % 86_400 == 0 ? seconds / 86_400 + "d"
				: seconds > 0 && seconds % 3_600 == 0 ? seconds / 3_600 + "h" : seconds + "s";
	}

	/**
	 * The runs whose rollback's newest run (newest first in {@code runs}) did not
	 * complete.
	 */
	private static Set<Long> rollbacksUnfinished(List<JobExecution> runs) {
		Set<Long> unfinished = new HashSet<>();
		Set<String> seen = new HashSet<>();
		for (JobExecution run : runs) {
			String definition = run.getJobParameters().getString(RunParameters.DEFINITION);
			if (definition != null && definition.startsWith(ROLLBACK_KEY) && seen.add(definition)
					&& run.getStatus() != BatchStatus.COMPLETED) {
				unfinished.add(Long.parseLong(definition.substring(ROLLBACK_KEY.length())));
			}
		}
		return unfinished;
	}

	/** Prunes every run of {@code tenant} the plan marks; returns the plan. */
	public List<RunVerdict> prune(RetentionProperties limits, LocalDateTime now, TenantId tenant) {
		List<RunVerdict> verdicts = plan(limits, now, tenant);
		for (RunVerdict verdict : verdicts) {
			if (verdict.prune()) {
				long deleted = staging.deleteRun(verdict.runId());
				changeControl.deleteRun(verdict.runId());
				deleteReport(verdict.runId());
				// the metadata last: a prune cut short finds the run again next time
				JobInstance instance = repository.getJobInstance(verdict.runId());
				if (instance != null) {
					repository.deleteJobInstance(instance);
				}
				log.info("pruned run {} ({}, {}, {}): {} staging rows, its report folder and its metadata ({})",
						verdict.runId(), verdict.definition(), verdict.mode(), verdict.status(), deleted,
						verdict.why());
			}
		}
		return verdicts;
	}

	private void deleteReport(long runId) {
		Path folder = reports.directory(runId);
		if (!Files.isDirectory(folder)) {
			return;
		}
		try (Stream<Path> files = Files.walk(folder)) {
			for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot delete the report folder " + folder + ": " + e.getMessage()
					+ "; check writeback.report.directory (WRITEBACK_REPORT_DIRECTORY) is writable", e);
		}
	}

}

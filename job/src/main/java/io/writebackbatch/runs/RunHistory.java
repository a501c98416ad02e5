package io.writebackbatch.runs;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Earlier runs of a definition, as the job repository holds them (the latest execution of
 * each run).
 */
@Component
public class RunHistory {

	private static final int HISTORY = 10_000;

	private final JobRepository repository;

	public RunHistory(JobRepository repository) {
		this.repository = repository;
	}

	/**
	 * The runs of {@code key} (a definition of a tenant) before run {@code beforeRun},
	 * newest first.
	 */
	public List<JobExecution> runsBefore(RunKey key, long beforeRun) {
		List<JobExecution> runs = new ArrayList<>();
		for (JobInstance instance : repository.getJobInstances(RunParameters.JOB_NAME, 0, HISTORY)) {
			if (instance.getInstanceId() >= beforeRun) {
				continue;
			}
			JobExecution execution = repository.getLastJobExecution(instance);
			if (execution != null && key.matches(execution)) {
				runs.add(execution);
			}
		}
		return runs;
	}

	/**
	 * The runs before {@code beforeRun} that may have set groups of {@code key} (a
	 * definition of a tenant): its applies (finished or not, applications of plans
	 * included) and the rollbacks of its runs, newest first. A group's last state set by
	 * this definition is what the newest of them that updated it set.
	 */
	public List<Long> runsThatSetGroups(RunKey key, long beforeRun) {
		List<Long> own = runsBefore(key, Long.MAX_VALUE).stream().map(RunHistory::runId).toList();
		List<Long> setters = new ArrayList<>();
		for (JobInstance instance : repository.getJobInstances(RunParameters.JOB_NAME, 0, HISTORY)) {
			JobExecution execution = instance.getInstanceId() < beforeRun ? repository.getLastJobExecution(instance)
					: null;
			if (execution == null || !"apply".equals(execution.getJobParameters().getString(RunParameters.MODE))) {
				continue;
			}
			Long rollbackOf = execution.getJobParameters().getLong(RunParameters.ROLLBACK_OF);
			if (rollbackOf != null ? own.contains(rollbackOf) : key.matches(execution)) {
				setters.add(instance.getInstanceId());
			}
		}
		return setters;
	}

	/** The most recent COMPLETED apply run of the definition before {@code beforeRun}. */
	public Optional<JobExecution> lastCompletedApply(RunKey key, long beforeRun) {
		return runsBefore(key, beforeRun).stream().filter(RunHistory::isCompletedApply).findFirst();
	}

	/** The latest execution of any run that carried out plan {@code planRun}. */
	public Optional<JobExecution> applicationOf(long planRun) {
		for (JobInstance instance : repository.getJobInstances(RunParameters.JOB_NAME, 0, HISTORY)) {
			JobExecution execution = repository.getLastJobExecution(instance);
			if (execution != null
					&& Long.valueOf(planRun).equals(execution.getJobParameters().getLong(RunParameters.APPLIES_PLAN))) {
				return Optional.of(execution);
			}
		}
		return Optional.empty();
	}

	/**
	 * The run of one definition that {@code resume}, {@code scheduled}, an apply's
	 * refusal and retention are about, among its runs {@code newestFirst}: the newest run
	 * if it is unfinished (FAILED or STOPPED); otherwise the newest apply if it is
	 * unfinished: plan runs in between are skipped, so a {@code plan} made after an apply
	 * stopped does not strand it. Empty when that apply completed or was abandoned.
	 */
	public static Optional<JobExecution> unfinished(Iterable<JobExecution> newestFirst) {
		boolean newest = true;
		for (JobExecution execution : newestFirst) {
			boolean apply = "apply".equals(execution.getJobParameters().getString(RunParameters.MODE));
			if (isUnfinished(execution) && (newest || apply)) {
				return Optional.of(execution);
			}
			if (apply) {
				return Optional.empty();
			}
			newest = false;
		}
		return Optional.empty();
	}

	/**
	 * The rollback run that ended unfinished run {@code execution} as ABANDONED (see
	 * {@code RunService.rollback}): the first apply rollback of it, since any rollback
	 * {@code --apply} that finds its run unfinished ends it before it writes. Empty for
	 * any other run, and while that rollback has not been created yet.
	 */
	public Optional<Long> undoneBy(JobExecution execution) {
		if (!wasUndoneByRollback(execution)) {
			return Optional.empty();
		}
		return firstAppliedRollbackOf(runId(execution)).map(RunHistory::runId);
	}

	/**
	 * The first rollback {@code --apply} of run {@code runId}, however it ended: from its
	 * start, what run {@code runId} changed no longer stands (some or all of it is
	 * restored). Empty when the run was never rolled back (dry-run rollbacks change
	 * nothing).
	 */
	public Optional<JobExecution> firstAppliedRollbackOf(long runId) {
		JobExecution first = null;
		for (JobInstance instance : repository.getJobInstances(RunParameters.JOB_NAME, 0, HISTORY)) {
			if (instance.getInstanceId() <= runId) {
				break; // newest first: the rollback came after the run it undoes
			}
			JobExecution run = repository.getLastJobExecution(instance);
			if (run != null && Long.valueOf(runId).equals(run.getJobParameters().getLong(RunParameters.ROLLBACK_OF))
					&& "apply".equals(run.getJobParameters().getString(RunParameters.MODE))) {
				first = run;
			}
		}
		return Optional.ofNullable(first);
	}

	/** Whether the run was ended by its rollback ({@code RunService.endUndone}). */
	public static boolean wasUndoneByRollback(JobExecution execution) {
		return execution.getStatus() == BatchStatus.ABANDONED
				&& execution.getExitStatus().getExitDescription().startsWith(RunService.UNDONE_BY_ROLLBACK);
	}

	public static boolean isUnfinished(JobExecution execution) {
		return execution.getStatus() == BatchStatus.FAILED || execution.getStatus() == BatchStatus.STOPPED;
	}

	public static boolean isCompletedApply(JobExecution execution) {
		return execution.getStatus() == BatchStatus.COMPLETED
				&& "apply".equals(execution.getJobParameters().getString(RunParameters.MODE));
	}

	public static long runId(JobExecution execution) {
		return execution.getJobInstance().getInstanceId();
	}

	public static Instant startedAt(JobExecution execution) {
		LocalDateTime start = execution.getStartTime() != null ? execution.getStartTime() : execution.getCreateTime();
		return start.atZone(ZoneId.systemDefault()).toInstant();
	}

}

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

package io.writebackbatch.runs;

import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import io.writebackbatch.domain.RunMode;
import io.writebackbatch.ops.RepositoryWatchdog;
import io.writebackbatch.ops.RunLogContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * A definition's runs under its lock: takes the run lock (its repository watched while
 * held), and finds the definition's last execution, recovering one whose process is gone.
 */
@Component
record DefinitionRuns(JobOperator operator, JobRepository repository, RunsProperties properties, DefinitionLock locks,
		RepositoryWatchdog watchdog) {

	private static final Logger log = LoggerFactory.getLogger(DefinitionRuns.class);

	private static final int HISTORY = 10_000;

	/**
	 * Takes the run lock of the key (exit 4 when another process holds it) and names the
	 * definition in the log.
	 */
	DefinitionLock.Held lock(RunKey key, String name) {
		MDC.put(RunLogContext.DEFINITION, name);
		DefinitionLock.Held held = locks.acquire(key.lockName());
		AutoCloseable watch = watchdog.watch(held, name, properties.repositoryCheckInterval(),
				properties.repositoryCheckTimeout());
		return new Watched(held, watch);
	}

	/**
	 * A held lock whose repository is watched until the lock is released (see
	 * {@link RepositoryWatchdog}).
	 */
	private record Watched(DefinitionLock.Held lock, AutoCloseable watch) implements DefinitionLock.Held {

		@Override
		public boolean exclusive() {
			return lock.exclusive();
		}

		@Override
		public void verify() throws Exception {
			lock.verify();
		}

		@Override
		public void close() {
			try {
				watch.close();
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
			finally {
				lock.close();
			}
		}
	}

	/**
	 * The most recent execution of any run of this key; one left STARTED by a killed
	 * process is recovered first (marked FAILED, so it can be resumed). With the
	 * definition's lock held (PostgreSQL advisory lock, or the embedded H2 file lock) a
	 * STARTED execution is certainly stale; otherwise only once its last checkpoint is
	 * older than {@code writeback.runs.stale-after}.
	 */
	Optional<JobExecution> lastExecution(RunKey key, DefinitionLock.Held lock) {
		Optional<JobExecution> last = findLastExecution(key);
		if (last.isPresent() && last.get().isRunning() && (lock.exclusive() || isStale(last.get()))) {
			MDC.put(RunLogContext.RUN_ID, Long.toString(RunHistory.runId(last.get())));
			log.warn(
					"run {} (execution {}) is marked {} but its process is gone (last checkpoint {}); recovering it so it "
							+ "can be resumed",
					RunHistory.runId(last.get()), last.get().getId(), last.get().getStatus(),
					last.get().getLastUpdated());
			operator.recover(last.get());
			return findLastExecution(key);
		}
		return last;
	}

	private boolean isStale(JobExecution execution) {
		LocalDateTime lastUpdated = execution.getLastUpdated() != null ? execution.getLastUpdated()
				: execution.getStartTime();
		return lastUpdated == null || lastUpdated.isBefore(LocalDateTime.now().minus(properties.staleAfter()));
	}

	/**
	 * The definition's unfinished run (see {@link RunHistory#unfinished}). Call
	 * {@link #lastExecution} first, under the same lock, so a run left STARTED by a
	 * killed process is recovered.
	 */
	Optional<JobExecution> unfinished(RunKey key) {
		return RunHistory.unfinished(executions(key)::iterator);
	}

	/**
	 * The definition's latest apply of its own (a rollback of one of its runs is not
	 * one), however it ended.
	 */
	Optional<JobExecution> lastApply(RunKey key) {
		return executions(key)
			.filter(run -> RunMode.APPLY.parameterValue().equals(run.getJobParameters().getString(RunParameters.MODE)))
			.filter(run -> run.getJobParameters().getLong(RunParameters.ROLLBACK_OF) == null)
			.findFirst();
	}

	private Optional<JobExecution> findLastExecution(RunKey key) {
		return executions(key).findFirst();
	}

	/** The latest execution of each run of the definition, newest run first. */
	private Stream<JobExecution> executions(RunKey key) {
		return repository.getJobInstances(RunParameters.JOB_NAME, 0, HISTORY)
			.stream()
			.map(repository::getLastJobExecution)
			.filter(Objects::nonNull)
			.filter(key::matches);
	}
}

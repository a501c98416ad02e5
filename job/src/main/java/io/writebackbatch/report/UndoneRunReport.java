package io.writebackbatch.report;

import java.io.UncheckedIOException;
import java.util.Optional;

import io.writebackbatch.runs.RunHistory;
import io.writebackbatch.runs.RunParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Writes again the report of the unfinished apply that a rollback ended, once that
 * rollback run exists: the report written when the apply stopped said it could be
 * resumed; it now says which rollback undid it ({@code undoneByRollback}).
 */
@Component
public class UndoneRunReport implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(UndoneRunReport.class);

	private final JobRepository repository;

	private final RunHistory history;

	private final ReportWriter reports;

	UndoneRunReport(JobRepository repository, RunHistory history, ReportWriter reports) {
		this.repository = repository;
		this.history = history;
		this.reports = reports;
	}

	@Override
	public void beforeJob(JobExecution rollback) {
		Long undoneRun = rollback.getJobParameters().getLong(RunParameters.ROLLBACK_OF);
		JobInstance instance = undoneRun == null ? null : repository.getJobInstance(undoneRun);
		JobExecution undone = instance == null ? null : repository.getLastJobExecution(instance);
		long rollbackRun = RunHistory.runId(rollback);
		if (undone == null || !history.undoneBy(undone).equals(Optional.of(rollbackRun))) {
			return;
		}
		try {
			reports.write(undone, undone.getStatus());
			log.info("the report of run {} now says that rollback run {} undid it", undoneRun, rollbackRun);
		}
		catch (UncheckedIOException e) {
			log.warn("could not write again the report of run {} ({}); 'report --run {}' writes it", undoneRun,
					e.getMessage(), undoneRun);
		}
	}

}

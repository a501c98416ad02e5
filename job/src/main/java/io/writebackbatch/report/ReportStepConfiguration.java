package io.writebackbatch.report;

import io.writebackbatch.staging.StagedGroup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The job's last step, "report": groups.csv streamed from the staging rows by a chunk
 * step, then summary.json, summary.md and report.html.
 */
@Configuration(proxyBeanMethods = false)
class ReportStepConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ReportStepConfiguration.class);

	@Bean
	@StepScope
	JdbcPagingItemReader<StagedGroup> groupsCsvReader(GroupsCsvExport export,
			@Value("#{stepExecution.jobExecution.jobInstance.instanceId}") long runId) {
		return export.reader(runId);
	}

	@Bean
	@StepScope
	GroupsCsvWriter groupsCsvWriter(GroupsCsvExport export, ReportLocations locations,
			@Value("#{stepExecution.jobExecution.jobInstance.instanceId}") long runId) {
		return export.writer(locations.directory(runId));
	}

	@Bean
	Step groupsCsvStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcPagingItemReader<StagedGroup> groupsCsvReader, GroupsCsvWriter groupsCsvWriter) {
		return new StepBuilder("groupsCsv", jobRepository).<StagedGroup, StagedGroup>chunk(GroupsCsvExport.PAGE)
			.transactionManager(transactionManager)
			.reader(groupsCsvReader)
			.writer(groupsCsvWriter)
			.build();
	}

	@Bean
	Step reportFilesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ReportWriter reports) {
		return new StepBuilder("reportFiles", jobRepository).tasklet((contribution, context) -> {
			JobExecution execution = context.getStepContext().getStepExecution().getJobExecution();
			reports.write(execution, BatchStatus.COMPLETED);
			log.info("report written to {}", reports.directory(execution.getJobInstance().getInstanceId()));
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	/** The job's last step: both of the above, as one step the job's flow names. */
	@Bean
	Step reportStep(JobRepository jobRepository, Step groupsCsvStep, Step reportFilesStep) {
		Flow flow = new FlowBuilder<Flow>("reportFlow").start(groupsCsvStep).next(reportFilesStep).build();
		return new StepBuilder("report", jobRepository).flow(flow).build();
	}

}

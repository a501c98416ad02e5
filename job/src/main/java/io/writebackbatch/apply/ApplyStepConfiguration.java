package io.writebackbatch.apply;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import io.writebackbatch.definition.JobDefinition;
import io.writebackbatch.graph.BatchWriteProperties;
import io.writebackbatch.graph.GraphConnection;
import io.writebackbatch.graph.GroupBatchUpdater;
import io.writebackbatch.ops.GracefulShutdown;
import io.writebackbatch.runs.RunContext;
import io.writebackbatch.staging.StagedGroup;
import io.writebackbatch.staging.StagingRepository;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.transaction.PlatformTransactionManager;

/** Step 3: the cap check, then the planned changes sent to Graph in batches. */
@Configuration(proxyBeanMethods = false)
class ApplyStepConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ApplyStepConfiguration.class);

	@Bean
	Step capStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, StagingRepository staging,
			ObjectProvider<RunContext> runs) {
		return new StepBuilder("maxChangesCheck", jobRepository).tasklet((contribution, context) -> {
			RunContext run = runs.getObject();
			long runId = run.runId();
			if (run.isRollback()) {
				log.info("apply: {} planned changes (a rollback changes at most what its run changed)",
						staging.countPlannedChanges(runId));
				return RepeatStatus.FINISHED;
			}
			JobDefinition definition = run.requireDefinition();
			long planned = staging.countPlannedChanges(runId);
			if (planned > definition.maxChanges()) {
				throw new MaxChangesExceededException(planned, definition.maxChanges());
			}
			log.info("apply: {} planned changes (maxChanges {})", planned,
					definition.maxChanges() == Integer.MAX_VALUE ? "not set" : definition.maxChanges());
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	/**
	 * Reads changes without an outcome (a failed one is cleared when the step starts, so
	 * resume retries it). No saved position: recorded outcomes take groups out of the
	 * query, so a restart naturally continues with what is left.
	 */
	@Bean
	@StepScope
	JdbcPagingItemReader<StagedGroup> applyReader(StagingRepository staging, ApplyProperties properties,
			@Value("#{stepExecution.jobExecution.jobInstance.instanceId}") long runId) throws Exception {
		// failed outcomes were cleared when the step started (applyStep's listener): they
		// are retried too
		return staging.reader("applyReader", runId, "decision = 'CHANGE' AND outcome IS NULL", properties.chunkSize(),
				false);
	}

	@Bean(destroyMethod = "close")
	@Lazy
	GroupBatchUpdater groupBatchUpdater(GraphConnection graph, BatchWriteProperties limits, MeterRegistry meters) {
		return new GroupBatchUpdater(graph, limits.noProgressTimeout(), meters);
	}

	@Bean
	@StepScope
	ApplyWriter applyWriter(GroupBatchUpdater updater, StagingRepository staging, MeterRegistry meters,
			ApplyProperties properties, @Value("#{stepExecution.jobExecution.jobInstance.instanceId}") long runId) {
		return new ApplyWriter(
				updater, staging, meters, runId, new FailureLimits(properties.maxFailures(),
						properties.maxFailureShare(), staging.countPendingChanges(runId)),
				staging.countPlannedChanges(runId));
	}

	@Bean
	Step applyStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcPagingItemReader<StagedGroup> applyReader, ApplyWriter applyWriter, ApplyProperties properties,
			StagingRepository staging, GracefulShutdown shutdown) {
		ApplyDeadline deadline = new ApplyDeadline(properties, shutdown, staging);
		return new StepBuilder("apply", jobRepository).<StagedGroup, StagedGroup>chunk(properties.chunkSize())
			.transactionManager(transactionManager)
			.reader(applyReader)
			.writer(applyWriter)
			.listener(deadline)
			.listener(new StepExecutionListener() {
				@Override
				public void beforeStep(StepExecution stepExecution) {
					int cleared = staging
						.clearFailedOutcomes(stepExecution.getJobExecution().getJobInstance().getInstanceId());
					if (cleared > 0) {
						log.info("apply: retrying {} groups that failed before", cleared);
					}
				}
			})
			.build();
	}

}

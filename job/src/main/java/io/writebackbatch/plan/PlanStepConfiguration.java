package io.writebackbatch.plan;

import io.micrometer.core.instrument.MeterRegistry;
import io.writebackbatch.domain.PlannedGroup;
import io.writebackbatch.runs.RunContext;
import io.writebackbatch.staging.StagedGroup;
import io.writebackbatch.staging.StagingRepository;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Step 2: decide for every staged group whether it changes, and why. Re-deciding is
 * idempotent.
 */
@Configuration(proxyBeanMethods = false)
class PlanStepConfiguration {

	private static final int CHUNK = 1000;

	@Bean
	@StepScope
	JdbcPagingItemReader<StagedGroup> planReader(StagingRepository staging,
			@Value("#{stepExecution.jobExecution.jobInstance.instanceId}") long runId) throws Exception {
		return staging.reader("planReader", runId, "", CHUNK, true);
	}

	@Bean
	@StepScope
	ItemWriter<PlannedGroup> planWriter(StagingRepository staging, MeterRegistry meters,
			@Value("#{stepExecution.jobExecution.jobInstance.instanceId}") long runId) {
		return chunk -> {
			staging.recordDecisions(runId, chunk.getItems());
			chunk.getItems()
				.forEach(d -> meters
					.counter("writeback.groups.planned", "decision", d.decision().name(), "reason",
							d.reasonCode().name())
					.increment());
		};
	}

	@Bean
	@StepScope
	ItemProcessor<StagedGroup, PlannedGroup> planProcessor(StagingRepository staging, RunContext run) {
		return GroupRules.of(run, staging::find)::decide;
	}

	@Bean
	Step planStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcPagingItemReader<StagedGroup> planReader, ItemProcessor<StagedGroup, PlannedGroup> planProcessor,
			ItemWriter<PlannedGroup> planWriter) {
		return new StepBuilder("plan", jobRepository).<StagedGroup, PlannedGroup>chunk(CHUNK)
			.transactionManager(transactionManager)
			.reader(planReader)
			.processor(planProcessor)
			.writer(planWriter)
			.build();
	}

}

package io.writebackbatch.inventory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.writebackbatch.domain.GroupSnapshot;
import io.writebackbatch.graph.GraphConnection;
import io.writebackbatch.graph.GraphProperties;
import io.writebackbatch.graph.GroupDirectory;
import io.writebackbatch.staging.StagingRepository;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Step 1: page every unified group into the staging table, checkpointing the page
 * position.
 */
@Configuration(proxyBeanMethods = false)
class InventoryStepConfiguration {

	@Bean
	@StepScope
	GroupInventoryReader inventoryReader(GraphConnection graph) {
		graph.checkCredential();
		return new GroupInventoryReader(new GroupDirectory(graph));
	}

	@Bean
	@StepScope
	ItemWriter<GroupSnapshot> inventoryWriter(StagingRepository staging, MeterRegistry meters,
			@Value("#{stepExecution.jobExecution.jobInstance.instanceId}") long runId) {
		Counter read = meters.counter("writeback.groups.read");
		return chunk -> {
			staging.upsertInventory(runId, DistinctGroups.latestOfEach(chunk.getItems()));
			read.increment(chunk.size());
		};
	}

	@Bean
	Step inventoryStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			GroupInventoryReader inventoryReader, ItemWriter<GroupSnapshot> inventoryWriter, GraphProperties graph) {
		return new StepBuilder("inventory", jobRepository).<GroupSnapshot, GroupSnapshot>chunk(graph.pageSize())
			.transactionManager(transactionManager)
			.reader(inventoryReader)
			.writer(inventoryWriter)
			.build();
	}

}

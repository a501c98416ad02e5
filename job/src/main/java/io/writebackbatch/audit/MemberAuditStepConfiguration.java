package io.writebackbatch.audit;

import java.util.Map;
import java.util.Objects;

import io.writebackbatch.domain.Decision;
import io.writebackbatch.domain.EffectiveWriteback;
import io.writebackbatch.domain.Writeback;
import io.writebackbatch.graph.GraphConnection;
import io.writebackbatch.graph.GroupDirectory;
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
 * Optional member-limit audit ({@code memberAudit: true}): counts the members of every
 * group that is or will stay written back, so the report can flag groups over Entra
 * Connect's 50,000-member writeback limit (default rule) and over 250,000 (never written
 * back). Costs one Graph request per such group.
 */
@Configuration(proxyBeanMethods = false)
class MemberAuditStepConfiguration {

	private static final int CHUNK = 200;

	@Bean
	@StepScope
	JdbcPagingItemReader<StagedGroup> memberAuditReader(StagingRepository staging, RunContext run) throws Exception {
		boolean audit = !run.isRollback() && Boolean.TRUE.equals(run.requireDefinition().document().memberAudit());
		return staging.reader("memberAuditReader", run.runId(), audit ? "on_prem_sync = FALSE" : "1 = 0", CHUNK, true);
	}

	@Bean
	@StepScope
	ItemProcessor<StagedGroup, Map.Entry<String, Long>> memberAuditProcessor(GraphConnection graph) {
		GroupDirectory directory = new GroupDirectory(graph);
		return group -> {
			Writeback after = group.decision() == Decision.CHANGE
					? group.previous().patchedWith(Objects.requireNonNull(group.target(), "a CHANGE row has a target"))
					: group.previous();
			if (!EffectiveWriteback.of(after).writtenBack()) {
				return null;
			}
			var count = directory.memberCount(group.groupId());
			return count.isPresent() ? Map.entry(group.groupId(), count.getAsLong()) : null;
		};
	}

	@Bean
	@StepScope
	ItemWriter<Map.Entry<String, Long>> memberAuditWriter(StagingRepository staging,
			@Value("#{stepExecution.jobExecution.jobInstance.instanceId}") long runId) {
		return chunk -> staging.recordMemberCounts(runId, chunk.getItems());
	}

	@Bean
	Step memberAuditStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcPagingItemReader<StagedGroup> memberAuditReader,
			ItemProcessor<StagedGroup, Map.Entry<String, Long>> memberAuditProcessor,
			ItemWriter<Map.Entry<String, Long>> memberAuditWriter) {
		return new StepBuilder("memberAudit", jobRepository).<StagedGroup, Map.Entry<String, Long>>chunk(CHUNK)
			.transactionManager(transactionManager)
			.reader(memberAuditReader)
			.processor(memberAuditProcessor)
			.writer(memberAuditWriter)
			.build();
	}

}

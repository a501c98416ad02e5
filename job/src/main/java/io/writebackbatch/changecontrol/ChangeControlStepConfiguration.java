package io.writebackbatch.changecontrol;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.writebackbatch.domain.GroupSnapshot;
import io.writebackbatch.graph.CreatedSinceListing;
import io.writebackbatch.graph.GraphConnection;
import io.writebackbatch.graph.GroupBatchReader;
import io.writebackbatch.runs.RunContext;
import io.writebackbatch.staging.ChangeControlRepository.InventoryKind;
import io.writebackbatch.staging.ChangeControlRepository.RunInventory;
import io.writebackbatch.staging.ChangeControlRepository;
import io.writebackbatch.staging.PlanDigest;
import io.writebackbatch.staging.StagedGroup;
import io.writebackbatch.staging.StagingRepository;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The job's change-control pieces: which inventory a run reads (a decider), the two
 * inventories besides the full listing (the planned groups of a reviewed plan; the
 * incremental one), and the step after the plan that seals a plan's change set with its
 * digest and counts the groups turned back since the last apply.
 */
@Configuration(proxyBeanMethods = false)
class ChangeControlStepConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ChangeControlStepConfiguration.class);

	/**
	 * Groups re-read per chunk (20 batches of 20): a restart re-reads at most this many.
	 */
	private static final int RECHECK_CHUNK = 400;

	@Bean
	JobExecutionDecider inventoryKind(ChangeControlRepository repository, InventoryPolicy policy,
			StagingRepository staging, ObjectProvider<RunContext> runs) {
		return (job, step) -> {
			RunContext run = runs.getObject();
			RunInventory chosen = repository.inventory(run.runId())
				.orElseGet(() -> repository.recordInventory(choose(run, policy, staging)));
			log.info("inventory: {} ({})", chosen.kind(), chosen.reason());
			return new FlowExecutionStatus(chosen.kind().name());
		};
	}

	private static RunInventory choose(RunContext run, InventoryPolicy policy, StagingRepository staging) {
		long runId = run.runId();
		Long plan = run.appliesPlan();
		if (plan != null) {
			return new RunInventory(runId, InventoryKind.PLANNED_GROUPS, "apply --plan " + plan + ": the "
					+ staging.countPlannedChanges(plan) + " groups of plan " + plan + "'s change set, re-read by id",
					null);
		}
		if (run.isRollback()) {
			return new RunInventory(runId, InventoryKind.FULL, "a rollback lists every group", null);
		}
		return policy.choose(runId, run.runKey(), run.requireDefinition());
	}

	@Bean(destroyMethod = "close")
	@Lazy
	GroupBatchReader groupBatchReader(GraphConnection graph) {
		return new GroupBatchReader(graph);
	}

	@Bean
	@StepScope
	JdbcPagingItemReader<StagedGroup> plannedGroupsReader(StagingRepository staging, RunContext run) throws Exception {
		return staging.reader("plannedGroupsReader",
				Objects.requireNonNull(run.appliesPlan(), "this step runs only for apply --plan"),
				"decision = 'CHANGE' AND outcome IS NULL", RECHECK_CHUNK, true);
	}

	@Bean
	@StepScope
	ItemWriter<StagedGroup> plannedGroupsWriter(GroupBatchReader reader, StagingRepository staging,
			MeterRegistry meters, @Value("#{stepExecution.jobExecution.jobInstance.instanceId}") long runId) {
		return chunk -> {
			List<String> ids = chunk.getItems().stream().map(StagedGroup::groupId).toList();
			List<GroupSnapshot> found = reader.read(ids).values().stream().flatMap(Optional::stream).toList();
			staging.upsertInventory(runId, found);
			meters.counter("writeback.groups.read").increment(found.size());
		};
	}

	@Bean
	Step plannedGroupsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcPagingItemReader<StagedGroup> plannedGroupsReader, ItemWriter<StagedGroup> plannedGroupsWriter,
			ObjectProvider<GraphConnection> graph) {
		return new StepBuilder("plannedGroups", jobRepository).<StagedGroup, StagedGroup>chunk(RECHECK_CHUNK)
			.transactionManager(transactionManager)
			.reader(plannedGroupsReader)
			.writer(plannedGroupsWriter)
			.listener(new StepExecutionListener() {
				@Override
				public void beforeStep(StepExecution stepExecution) {
					graph.getObject().checkCredential();
				}
			})
			.build();
	}

	/**
	 * Small by design (the new groups and the recently changed ones), so one transaction;
	 * a restart redoes it.
	 */
	@Bean
	Step incrementalInventoryStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ObjectProvider<GraphConnection> graphs, ObjectProvider<GroupBatchReader> readers,
			ChangeControlRepository repository, InventoryPolicy policy, StagingRepository staging, MeterRegistry meters,
			ObjectProvider<RunContext> runs) {
		return new StepBuilder("incrementalInventory", jobRepository).tasklet((contribution, context) -> {
			RunContext run = runs.getObject();
			long runId = run.runId();
			GraphConnection graph = graphs.getObject();
			graph.checkCredential();
			Instant since = Objects.requireNonNull(repository.inventory(runId).orElseThrow().createdSince(),
					"an incremental inventory records where its window starts");
			Map<String, GroupSnapshot> groups = new LinkedHashMap<>();
			CreatedSinceListing listing = new CreatedSinceListing(graph);
			List<GroupSnapshot> listed;
			try {
				listed = listing.createdSince(since);
			}
			catch (CreatedSinceListing.CreatedFilterRefusedException refused) {
				log.warn("incremental inventory: {}; listing every unified group tonight", refused.getMessage());
				listed = listing.everyUnifiedGroup();
			}
			listed.forEach(g -> groups.put(g.id(), g));
			int created = groups.size();
			List<Long> revisit = policy.runsToRevisit(run.runKey(), runId);
			List<String> changed = repository.updatedBy(revisit);
			GroupBatchReader reader = readers.getObject();
			long requestsBefore = reader.requestsSent();
			long rereadStart = System.nanoTime();
			List<GroupSnapshot> reread = reader.read(changed).values().stream().flatMap(Optional::stream).toList();
			reread.forEach(g -> groups.put(g.id(), g));
			staging.upsertInventory(runId, List.copyOf(groups.values()));
			meters.counter("writeback.groups.read").increment(groups.size());
			String rereadCost = String.format(Locale.ROOT, "%d $batch requests, %.3f s",
					reader.requestsSent() - requestsBefore, (System.nanoTime() - rereadStart) / 1e9);
			log.info(
					"incremental inventory: {} unified groups created since {}, {} groups changed by runs {} re-read "
							+ "({} still exist) in {}",
					created, since, changed.size(), revisit, reread.size(), rereadCost);
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	@Bean
	Step changeControlStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ChangeControlRepository repository, RevertedGroups reverted, MeterRegistry meters,
			ObjectProvider<RunContext> runs) {
		return new StepBuilder("changeControl", jobRepository).tasklet((contribution, context) -> {
			RunContext run = runs.getObject();
			long runId = run.runId();
			if (run.isPlanOfADefinition()) {
				PlanDigest.Result digest = PlanDigest.of(repository, runId);
				repository.saveSeal(new ChangeControlRepository.PlanSeal(runId, digest.hex(), digest.changes(),
						run.definitionSha256(), Instant.now(), System.getProperty("user.name")));
				log.info("plan {}: {} changes, digest {}; to carry out exactly this plan: apply --plan {} --digest {}",
						runId, digest.changes(), digest.hex(), runId, digest.hex());
			}
			reverted.findAndRecord(run).ifPresent(found -> {
				meters.counter("writeback.groups.reverted", "definition", String.valueOf(run.definitionName()))
					.increment(found.count());
				if (found.count() > 0) {
					log.warn("{} groups were turned back since run {} set their writeback; listed in the report",
							found.count(), found.sinceRun());
				}
			});
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

}

package io.writebackbatch.apply;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.domain.Outcome;
import io.writebackbatch.domain.PatchOutcome;
import io.writebackbatch.failure.HttpStatuses;
import io.writebackbatch.graph.GraphAccessException;
import io.writebackbatch.graph.GraphPermissions;
import io.writebackbatch.graph.GroupBatchUpdater;
import io.writebackbatch.graph.GroupPatch;
import io.writebackbatch.ops.ProgressLog;
import io.writebackbatch.staging.StagedGroup;
import io.writebackbatch.staging.StagingRepository;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Sends a chunk of planned changes and records every outcome as soon as its batch settles
 * (not at chunk commit), so a restart re-sends only the requests that were in flight. The
 * plan already excluded groups in the wanted state.
 */
class ApplyWriter implements ItemWriter<StagedGroup> {

	private static final Logger log = LoggerFactory.getLogger(ApplyWriter.class);

	private final GroupBatchUpdater updater;

	private final StagingRepository staging;

	private final MeterRegistry meters;

	private final long runId;

	private final FailureLimits limits;

	private final long total;

	private final AtomicLong done = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private final AtomicLong updated = new AtomicLong();

	/**
	 * Failures Graph answered 403: all of them, before any success, means the app lacks
	 * the write permission.
	 */
	private final AtomicLong denied = new AtomicLong();

	private volatile @Nullable PatchOutcome firstDenial;

	/**
	 * The chunk's role-assignable groups: a 403 for them is explained (they need
	 * RoleManagement.ReadWrite.Directory or PrivilegedAccess.ReadWrite.AzureADGroup,
	 * Microsoft's sources disagree), not a failure.
	 */
	private volatile Set<String> roleAssignable = Set.of();

	/** The first failures, which a breach of the limits names. */
	private final List<PatchOutcome> firstFailures = new CopyOnWriteArrayList<>();

	/** Failures whose answer may change on another attempt. */
	private final AtomicLong retryableFailures = new AtomicLong();

	private final ProgressLog progress = new ProgressLog("apply", Duration.ofSeconds(10));

	ApplyWriter(GroupBatchUpdater updater, StagingRepository staging, MeterRegistry meters, long runId,
			FailureLimits limits, long total) {
		this.updater = updater;
		this.staging = staging;
		this.meters = meters;
		this.runId = runId;
		this.limits = limits;
		this.total = total;
	}

	@Override
	public void write(Chunk<? extends StagedGroup> chunk) {
		List<GroupPatch> patches = chunk.getItems()
			.stream()
			.map(g -> new GroupPatch(g.groupId(), Objects.requireNonNull(g.target(), "a CHANGE row has a target")))
			.toList();
		roleAssignable = chunk.getItems()
			.stream()
			.filter(StagedGroup::roleAssignable)
			.map(StagedGroup::groupId)
			.collect(Collectors.toUnmodifiableSet());
		if (!roleAssignable.isEmpty()) {
			updater.changingRoleAssignableGroups();
		}
		updater.apply(patches, this::record);
		PatchOutcome denial = firstDenial;
		if (denial != null && updated.get() == 0 && denied.get() == failures.get()) {
			throw new GraphAccessException(FailureKind.PERMISSION,
					"Graph denied every update (" + denied.get() + " of " + done.get() + "): HTTP "
							+ denial.httpStatus() + " " + denial.errorCode() + ", " + denial.errorMessage()
							+ "; grant the app the Group.ReadWrite.All application permission "
							+ "with admin consent, then run 'resume'");
		}
		limits.check(failures.get(), retryableFailures.get(), updated.get(), done.get(), firstFailures);
	}

	private void record(List<PatchOutcome> outcomes) {
		staging.recordOutcomes(runId, outcomes);
		for (PatchOutcome outcome : outcomes) {
			meters.counter("writeback.groups.applied", "outcome", outcome.status().name()).increment();
			if (outcome.status() == Outcome.UPDATED) {
				updated.incrementAndGet();
			}
			else if (outcome.status() == Outcome.NOT_FOUND) {
				log.info("group {} was deleted since the inventory (404); recorded, not retried", outcome.groupId());
			}
			else if (outcome.status() == Outcome.FAILED && outcome.httpStatus() == 403
					&& roleAssignable.contains(outcome.groupId())) {
				log.warn(
						"group {} is role-assignable and Graph denied its update (403 {}): {}; recorded, not counted "
								+ "against max-failures",
						outcome.groupId(), outcome.errorCode(), GraphPermissions.ROLE_ASSIGNABLE_ADVICE);
			}
			else if (outcome.status() == Outcome.FAILED) {
				failures.incrementAndGet();
				if (firstFailures.size() < FailureLimits.EXAMPLES) {
					firstFailures.add(outcome);
				}
				if (HttpStatuses.isRetryable(outcome.httpStatus())) {
					retryableFailures.incrementAndGet();
				}
				if (outcome.httpStatus() == 403) {
					denied.incrementAndGet();
					firstDenial = firstDenial == null ? outcome : firstDenial;
				}
				log.warn("group {} not updated: HTTP {} {} {} (request-id {})", outcome.groupId(), outcome.httpStatus(),
						outcome.errorCode(), outcome.errorMessage(), outcome.requestId());
			}
		}
		progress.tick(done.addAndGet(outcomes.size()), total,
				"in flight limit " + updater.concurrencyLimit() + (updater.pacedWriteRate() > 0
						? String.format(", paced at %.1f writes/s", updater.pacedWriteRate()) : ""));
	}

}

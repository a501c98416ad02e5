package io.writebackbatch.apply;

import java.time.Duration;
import java.time.LocalDateTime;

import io.writebackbatch.ops.GracefulShutdown;
import io.writebackbatch.staging.StagedGroup;
import io.writebackbatch.staging.StagingRepository;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Pauses the apply once this invocation has worked for
 * {@code writeback.apply.max-duration}: checked after each chunk (its batches settled and
 * their outcomes committed), it asks {@link GracefulShutdown} for the same clean stop a
 * signal gets, so the step ends STOPPED at that boundary and nothing is in flight. No
 * thread is interrupted: a worker may be inside JDBC. The clock starts with the job
 * execution (a resumed run's own), so each night gets the whole duration. Every
 * invocation sends at least one chunk (the check follows a chunk), so a duration shorter
 * than the inventory still makes progress; a run with nothing left does not pause.
 */
final class ApplyDeadline implements StepExecutionListener, ChunkListener<StagedGroup, StagedGroup> {

	private final ApplyProperties properties;

	private final GracefulShutdown shutdown;

	private final StagingRepository staging;

	private volatile @Nullable LocalDateTime started;

	private volatile long runId;

	ApplyDeadline(ApplyProperties properties, GracefulShutdown shutdown, StagingRepository staging) {
		this.properties = properties;
		this.shutdown = shutdown;
		this.staging = staging;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		started = stepExecution.getJobExecution().getStartTime();
		runId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
	}

	@Override
	public void afterChunk(Chunk<StagedGroup> chunk) {
		Duration limit = properties.maxDuration();
		LocalDateTime since = started;
		if (limit != null && since != null && !Duration.between(since, LocalDateTime.now()).minus(limit).isNegative()
				&& staging.countPendingChanges(runId) > 0) {
			shutdown.pause("writeback.apply.max-duration (" + properties.maxDurationText() + ")");
		}
	}

}

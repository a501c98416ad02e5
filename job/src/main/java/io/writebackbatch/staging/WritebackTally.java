package io.writebackbatch.staging;

import io.writebackbatch.domain.Decision;
import io.writebackbatch.domain.Outcome;
import io.writebackbatch.domain.Writeback;
import org.jspecify.annotations.Nullable;

/**
 * {@code groups} groups of one run share this stored state before the run, decision,
 * target and outcome.
 */
public record WritebackTally(Writeback previous, @Nullable Decision decision, @Nullable Writeback target,
		@Nullable Outcome outcome, long groups) {
}

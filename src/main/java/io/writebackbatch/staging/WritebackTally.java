package io.writebackbatch.staging;

import io.writebackbatch.graph.Writeback;
import org.jspecify.annotations.Nullable;

/** {@code groups} groups of one run share this stored state before the run, decision, target and outcome. */
public record WritebackTally(Writeback previous, StagedGroup.@Nullable Decision decision,
		@Nullable Writeback target, @Nullable String outcome, long groups) {
}

package io.writebackbatch.staging;

import io.writebackbatch.graph.Writeback;
import org.jspecify.annotations.Nullable;

/** The plan's verdict for one group; {@code target} is null when it is skipped. */
public record PlannedGroup(String groupId, StagedGroup.Decision decision, String reasonCode, String reason,
		@Nullable Writeback target) {
}

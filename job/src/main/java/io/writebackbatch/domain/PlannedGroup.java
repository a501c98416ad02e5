package io.writebackbatch.domain;

import org.jspecify.annotations.Nullable;

/** The plan's verdict for one group; {@code target} is null when it is skipped. */
public record PlannedGroup(String groupId, Decision decision, ReasonCode reasonCode, String reason,
		@Nullable Writeback target) {
}

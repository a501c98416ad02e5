package io.writebackbatch.domain;

/** The plan's verdict for one group; {@code target} is null when it is skipped. */
public record PlannedGroup(String groupId, Decision decision, ReasonCode reasonCode, String reason,
		Writeback target) {
}

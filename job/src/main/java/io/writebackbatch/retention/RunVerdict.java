package io.writebackbatch.retention;

import java.time.LocalDateTime;

/** What {@code prune} does with one run, and why. */
public record RunVerdict(long runId, String definition, String mode, String status, LocalDateTime endedAt,
		long stagedGroups, boolean prune, String why) {
}

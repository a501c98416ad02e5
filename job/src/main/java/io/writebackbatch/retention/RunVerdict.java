package io.writebackbatch.retention;

import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;

/** What {@code prune} does with one run, and why. */
public record RunVerdict(long runId, String definition, String mode, String status, @Nullable LocalDateTime endedAt,
		long stagedGroups, boolean prune, String why) {
}

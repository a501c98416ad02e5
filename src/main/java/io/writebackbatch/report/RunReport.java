package io.writebackbatch.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The figures of one run. Counts add up: {@code groups = planned.change + planned.skip} and
 * {@code planned.change = updated + notFound + failed + pending}.
 */
public record RunReport(long runId, String definition, String definitionFile, String mode, String status,
		String exitDescription, Instant startedAt, Instant endedAt, Duration duration, long groups, long change,
		long skip, Map<String, Long> skippedByReason, long updated, long notFound, long failed, long pending) {
}

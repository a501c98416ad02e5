package io.writebackbatch.graph;

import java.time.Instant;

/** The fields of a unified group the job needs, as read from Graph. */
public record GroupSnapshot(String id, String displayName, Instant createdDateTime, boolean onPremisesSyncEnabled,
		Writeback writeback) {
}

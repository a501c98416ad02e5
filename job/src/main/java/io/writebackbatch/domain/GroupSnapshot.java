package io.writebackbatch.domain;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The fields of a unified group the job needs, as read from Graph.
 *
 * @param roleAssignable {@code isAssignableToRole}: updating such a group needs
 * RoleManagement.ReadWrite.Directory
 */
public record GroupSnapshot(String id, String displayName, @Nullable Instant createdDateTime,
		boolean onPremisesSyncEnabled, Writeback writeback, boolean roleAssignable) {

	public GroupSnapshot(String id, String displayName, @Nullable Instant createdDateTime,
			boolean onPremisesSyncEnabled, Writeback writeback) {
		this(id, displayName, createdDateTime, onPremisesSyncEnabled, writeback, false);
	}
}

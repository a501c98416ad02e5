package io.writebackbatch.staging;

import java.time.Instant;

import io.writebackbatch.domain.Decision;
import io.writebackbatch.domain.Outcome;
import io.writebackbatch.domain.ReasonCode;
import io.writebackbatch.domain.Writeback;
import org.jspecify.annotations.Nullable;

/**
 * A group as recorded for one run: the inventory's view (including the previous writeback
 * state), the plan's decision and the apply outcome. Later columns are null until their
 * step has run.
 *
 * @param roleAssignable {@code isAssignableToRole} as listed: its update needs
 * RoleManagement.ReadWrite.Directory
 */
public record StagedGroup(long runId, String groupId, String displayName, @Nullable Instant createdAt,
		boolean onPremisesSync, Writeback previous, @Nullable Decision decision, @Nullable ReasonCode reasonCode,
		@Nullable String reason, @Nullable Writeback target, @Nullable Long memberCount, @Nullable Outcome outcome,
		@Nullable Integer httpStatus, @Nullable String errorCode, @Nullable String errorMessage,
		@Nullable String requestId, boolean roleAssignable) {

	public StagedGroup(long runId, String groupId, String displayName, @Nullable Instant createdAt,
			boolean onPremisesSync, Writeback previous, @Nullable Decision decision, @Nullable ReasonCode reasonCode,
			@Nullable String reason, @Nullable Writeback target, @Nullable Long memberCount, @Nullable Outcome outcome,
			@Nullable Integer httpStatus, @Nullable String errorCode, @Nullable String errorMessage,
			@Nullable String requestId) {
		this(runId, groupId, displayName, createdAt, onPremisesSync, previous, decision, reasonCode, reason, target,
				memberCount, outcome, httpStatus, errorCode, errorMessage, requestId, false);
	}
}

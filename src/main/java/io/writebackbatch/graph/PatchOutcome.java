package io.writebackbatch.graph;

import org.jspecify.annotations.Nullable;

/** What Graph answered for one group's PATCH, after retries. */
public record PatchOutcome(String groupId, Status status, int httpStatus, @Nullable String errorCode,
		@Nullable String errorMessage, @Nullable String requestId, int attempts) {

	public enum Status {
		/** 204: the group now has the wanted configuration. */
		UPDATED,
		/** 404: the group was deleted since the inventory. */
		NOT_FOUND,
		/** Any other answer, after retries where retrying made sense. */
		FAILED
	}
}

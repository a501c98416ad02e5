package io.writebackbatch.domain;

import org.jspecify.annotations.Nullable;

/** What Graph answered for one group's PATCH, after retries. */
public record PatchOutcome(String groupId, Outcome status, int httpStatus, @Nullable String errorCode,
		@Nullable String errorMessage, @Nullable String requestId, int attempts) {
}

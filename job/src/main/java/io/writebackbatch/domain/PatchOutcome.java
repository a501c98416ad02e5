package io.writebackbatch.domain;

/** What Graph answered for one group's PATCH, after retries. */
public record PatchOutcome(String groupId, Outcome status, int httpStatus, String errorCode, String errorMessage,
		String requestId, int attempts) {
}

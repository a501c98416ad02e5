package io.writebackbatch.graph;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.failure.WritebackFailure;

/**
 * A Graph call that cannot succeed by retrying; {@link Kind} tells the operator what to
 * fix.
 */
public class GraphAccessException extends WritebackFailure {

	public enum Kind {

		/** No usable credential, or Graph refused the token (401). */
		AUTHENTICATION(FailureKind.AUTHENTICATION),
		/** The app lacks a Graph permission (403). */
		PERMISSION(FailureKind.PERMISSION),
		/**
		 * The configuration or an answer from Graph is not acceptable (bad URL, foreign
		 * nextLink, bad page).
		 */
		INVALID(FailureKind.INVALID_INPUT),
		/** Graph stayed unavailable or kept throttling beyond the retry budget. */
		TRANSIENT(FailureKind.TRANSIENT);

		private final FailureKind failureKind;

		Kind(FailureKind failureKind) {
			this.failureKind = failureKind;
		}

		/**
		 * The Graph kind for a failure kind (anything that is not Graph's own maps to
		 * INVALID or TRANSIENT).
		 */
		public static Kind of(FailureKind failureKind) {
			for (Kind kind : values()) {
				if (kind.failureKind == failureKind) {
					return kind;
				}
			}
			return failureKind.exitCode() == FailureKind.ExitCode.RESUMABLE ? TRANSIENT : INVALID;
		}

	}

	private final Kind kind;

	public GraphAccessException(Kind kind, String message) {
		super(kind.failureKind, message);
		this.kind = kind;
	}

	public GraphAccessException(Kind kind, String message, Throwable cause) {
		super(kind.failureKind, message, cause);
		this.kind = kind;
	}

	public Kind kind() {
		return kind;
	}

}

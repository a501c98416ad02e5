package io.writebackbatch.graph;

/** A Graph call that cannot succeed by retrying; {@link Kind} tells the operator what to fix. */
public class GraphAccessException extends RuntimeException {

	public enum Kind {
		/** No usable credential, or Graph refused the token (401). */
		AUTHENTICATION,
		/** The app lacks a Graph permission (403). */
		PERMISSION,
		/** The configuration or an answer from Graph is not acceptable (bad URL, foreign nextLink, bad page). */
		INVALID,
		/** Graph stayed unavailable or kept throttling beyond the retry budget. */
		TRANSIENT
	}

	private final Kind kind;

	public GraphAccessException(Kind kind, String message) {
		super(message);
		this.kind = kind;
	}

	public GraphAccessException(Kind kind, String message, Throwable cause) {
		super(message, cause);
		this.kind = kind;
	}

	public Kind kind() {
		return kind;
	}
}

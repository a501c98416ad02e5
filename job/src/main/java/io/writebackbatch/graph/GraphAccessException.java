package io.writebackbatch.graph;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.failure.WritebackFailure;

/**
 * A Graph call that cannot succeed by retrying; its {@link FailureKind} tells the
 * operator what to fix.
 */
public class GraphAccessException extends WritebackFailure {

	public GraphAccessException(FailureKind kind, String message) {
		super(kind, message);
	}

	public GraphAccessException(FailureKind kind, String message, Throwable cause) {
		super(kind, message, cause);
	}

}

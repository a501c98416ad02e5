package io.writebackbatch.definition;

import io.writebackbatch.failure.Classified;
import io.writebackbatch.failure.FailureKind;

/**
 * A job definition that cannot be used; the message names the file, line and field, and
 * the fix.
 */
public class InvalidDefinitionException extends RuntimeException implements Classified {

	public InvalidDefinitionException(String message) {
		super(message);
	}

	@Override
	public FailureKind failureKind() {
		return FailureKind.INVALID_INPUT;
	}

}

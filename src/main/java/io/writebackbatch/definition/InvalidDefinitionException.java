package io.writebackbatch.definition;

/** A job definition that cannot be used; the message names the file, line and field, and the fix. */
public class InvalidDefinitionException extends RuntimeException {

	public InvalidDefinitionException(String message) {
		super(message);
	}
}

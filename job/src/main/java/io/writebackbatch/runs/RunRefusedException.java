package io.writebackbatch.runs;

import io.writebackbatch.failure.Classified;
import io.writebackbatch.failure.FailureKind;

/**
 * A run request that cannot be carried out as asked; the message says what to do instead.
 */
public class RunRefusedException extends RuntimeException implements Classified {

	private final FailureKind kind;

	public RunRefusedException(FailureKind kind, String message) {
		super(message);
		this.kind = kind;
	}

	public int exitCode() {
		return kind.exitCode();
	}

	@Override
	public FailureKind failureKind() {
		return kind;
	}

}

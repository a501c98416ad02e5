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

	/**
	 * For callers that name the exit code: 4 is a concurrent run, anything else a refusal
	 * a person must resolve.
	 */
	public RunRefusedException(int exitCode, String message) {
		this(exitCode == FailureKind.ExitCode.ANOTHER_RUN ? FailureKind.CONCURRENT_RUN : FailureKind.INVALID_INPUT,
				message);
	}

	public int exitCode() {
		return kind.exitCode();
	}

	@Override
	public FailureKind failureKind() {
		return kind;
	}

}

package io.writebackbatch.failure;

/** A failure the job detected itself, with its kind and a message for the operator. */
public class WritebackFailure extends RuntimeException implements Classified {

	private final FailureKind kind;

	public WritebackFailure(FailureKind kind, String message) {
		super(message);
		this.kind = kind;
	}

	public WritebackFailure(FailureKind kind, String message, Throwable cause) {
		super(message, cause);
		this.kind = kind;
	}

	@Override
	public FailureKind failureKind() {
		return kind;
	}

}

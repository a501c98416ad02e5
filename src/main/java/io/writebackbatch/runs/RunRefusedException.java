package io.writebackbatch.runs;

/** A run request that cannot be carried out as asked; the message says what to do instead. */
public class RunRefusedException extends RuntimeException {

	private final int exitCode;

	public RunRefusedException(int exitCode, String message) {
		super(message);
		this.exitCode = exitCode;
	}

	public int exitCode() {
		return exitCode;
	}
}

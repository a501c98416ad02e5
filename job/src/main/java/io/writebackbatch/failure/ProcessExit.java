package io.writebackbatch.failure;

/**
 * The only way the job ends its own process. The code is one {@link FailureKind} decided
 * (or {@link FailureKind#SUCCESS_EXIT_CODE}); {@code ArchitectureTests} keeps every
 * {@code System.exit} and {@code Runtime.halt} here.
 */
public final class ProcessExit {

	private ProcessExit() {
	}

	/** Ends the process after its shutdown hooks ran. */
	public static void exit(int code) {
		System.exit(code);
	}

	/**
	 * Ends the process at once, without waiting for shutdown hooks (which may be what is
	 * stuck).
	 */
	public static void halt(int code) {
		Runtime.getRuntime().halt(code);
	}

}

package io.writebackbatch.failure;

/**
 * A classified failure: its kind (and so the exit code), where it came from, and the one
 * line worth showing.
 *
 * @param kind what the operator or scheduler should do about it
 * @param source which part of the world failed, so the CLI can say where to look
 * @param message the job's own message, or the driver's, binder's or network's words
 * (first line only)
 */
public record Failure(FailureKind kind, Source source, String message) {

	public enum Source {

		/** The job's own exception: its message names the problem and the fix. */
		JOB,
		/** A setting that cannot be bound (its property name is in the message). */
		SETTING,
		/** The job repository (H2 file, PostgreSQL, Flyway migrations). */
		REPOSITORY,
		/**
		 * The network: DNS, connection, timeout (any I/O failure that is not a local
		 * file's).
		 */
		NETWORK,
		/** A local file or folder: missing, not permitted, a full disk. */
		FILE,
		/** Anything else: a bug until proven otherwise. */
		UNKNOWN

	}

	public int exitCode() {
		return kind.exitCode();
	}
}

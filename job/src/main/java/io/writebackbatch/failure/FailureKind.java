package io.writebackbatch.failure;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What went wrong, as far as the operator and the scheduler are concerned; the one
 * mapping from kind to exit code. 0 ok, 1 internal bug, 2 a person must fix something, 3
 * transient or resumable, 4 another run in progress, 5 paused on purpose at its maximum
 * duration.
 */
public enum FailureKind {

	/** A definition, setting, id file or answer that cannot be used as given. */
	INVALID_INPUT(ExitCode.PERSON_MUST_FIX),
	/** The app lacks a Graph permission (403). */
	PERMISSION(ExitCode.PERSON_MUST_FIX),
	/**
	 * No usable credential, or the token was refused (401, a malformed or unreadable
	 * token).
	 */
	AUTHENTICATION(ExitCode.PERSON_MUST_FIX),
	/**
	 * Graph, the identity endpoint, DNS or the network failed for now: retrying later
	 * continues the run.
	 */
	TRANSIENT(ExitCode.RESUMABLE),
	/**
	 * The job repository is unreachable, failing over or failed mid-run: the run resumes
	 * from its checkpoint.
	 */
	REPOSITORY(ExitCode.RESUMABLE),
	/**
	 * Another run of the definition (or another process on the H2 file) is in progress.
	 */
	CONCURRENT_RUN(ExitCode.ANOTHER_RUN),
	/**
	 * Not a failure: the apply reached {@code writeback.apply.max-duration} and paused at
	 * a chunk boundary, its place recorded; {@code resume} or the next {@code scheduled}
	 * continues it. {@code scheduled} ends such a night with {@link #SUCCESS_EXIT_CODE}
	 * instead: a Kubernetes Job succeeds only on exit 0, and a night that did its share
	 * is a success for the CronJob (alerts watch the run's progress instead).
	 */
	PAUSED(ExitCode.PAUSED),
	/** A bug or an unforeseen failure. */
	INTERNAL(ExitCode.INTERNAL);

	private final int exitCode;

	FailureKind(int exitCode) {
		this.exitCode = exitCode;
	}

	public int exitCode() {
		return exitCode;
	}

	/** The exit code of a command that succeeded. */
	public static final int SUCCESS_EXIT_CODE = ExitCode.OK;

	/**
	 * Every exit code and what it tells a person or a scheduler, in order: the command
	 * line's help prints this list, so a code added here is documented there (the help
	 * used to leave out 5).
	 */
	public static Map<String, String> exitCodeMeanings() {
		Map<String, String> meanings = new LinkedHashMap<>();
		meanings.put(Integer.toString(ExitCode.OK), "success");
		meanings.put(Integer.toString(ExitCode.INTERNAL), "unexpected internal error (see the log)");
		meanings.put(Integer.toString(ExitCode.PERSON_MUST_FIX),
				"a person must fix something: definition, setting, credential, permission, maxChanges (retrying "
						+ "won't help)");
		meanings.put(Integer.toString(ExitCode.RESUMABLE),
				"transient: Graph, the identity endpoint, DNS or the database failed for now, or the run stopped "
						+ "part-way; 'resume' or a retry continues it");
		meanings.put(Integer.toString(ExitCode.ANOTHER_RUN), "another run of the definition is in progress");
		meanings.put(Integer.toString(ExitCode.PAUSED),
				"an apply paused at writeback.apply.max-duration ('scheduled' exits 0 instead); continue it the same "
						+ "way");
		return meanings;
	}

	/**
	 * The process exit codes a scheduler acts on (the CronJob's podFailurePolicy lists
	 * them): the only place their numbers are written. Outside this package a code comes
	 * from a kind ({@link #exitCode()}) or is {@link #SUCCESS_EXIT_CODE}.
	 */
	private static final class ExitCode {

		public static final int OK = 0;

		public static final int INTERNAL = 1;

		public static final int PERSON_MUST_FIX = 2;

		public static final int RESUMABLE = 3;

		public static final int ANOTHER_RUN = 4;

		public static final int PAUSED = 5;

		private ExitCode() {
		}

	}

}

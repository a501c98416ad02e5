package io.writebackbatch.failure;

/**
 * What an HTTP status from Graph (or a gateway in front of it) means; the retryable list
 * is written only here.
 */
public final class HttpStatuses {

	private HttpStatuses() {
	}

	/**
	 * True when another attempt may succeed: throttled (429), request timeout (408), or
	 * the service or a gateway failed (500, 502, 503, 504). Status 0 stands for "no
	 * answer" (connection reset, unreadable envelope).
	 */
	public static boolean isRetryable(int status) {
		return switch (status) {
			case 0, 408, 429, 500, 502, 503, 504 -> true;
			default -> false;
		};
	}

	/** The kind of failure a final answer with this status is. */
	public static FailureKind kindOf(int status) {
		if (isRetryable(status)) {
			return FailureKind.TRANSIENT;
		}
		return switch (status) {
			case 401 -> FailureKind.AUTHENTICATION;
			case 403 -> FailureKind.PERMISSION;
			default -> FailureKind.INVALID_INPUT;
		};
	}

}

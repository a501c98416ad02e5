package io.writebackbatch.apply;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.writebackbatch.domain.PatchOutcome;
import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.failure.HttpStatuses;
import io.writebackbatch.failure.WritebackFailure;

/**
 * When failed changes make a run FAILED: more than {@code maxFailures} of them, a share
 * above {@code maxFailureShare} (once {@value #MIN_SAMPLE} changes have an outcome, and
 * at the end), or every change of the step failed. Who must act depends on Graph's
 * answers: when every failure is one Graph gives again to the same request (400, 403,
 * 409, ... : {@link HttpStatuses#isRetryable} says no), a retry re-sends writes that
 * cannot succeed, so the run ends for a person (exit 2) naming the groups and the answer;
 * when any could pass on retry (throttling, 5xx, no answer), it is transient (exit 3,
 * resumable: resume sends the failed ones again).
 *
 * @param pending changes without an outcome when the step started: the step is over when
 * that many have one
 */
record FailureLimits(int maxFailures, double maxFailureShare, long pending) {

	static final int MIN_SAMPLE = 100;

	/** How many failed groups a message names. */
	static final int EXAMPLES = 5;

	/**
	 * Throws when the outcomes so far ({@code settled}, of which {@code failed} failed,
	 * {@code retryable} of them with an answer another attempt may change) exceed a
	 * limit; {@code examples} are the first failures.
	 */
	void check(long failed, long retryable, long updated, long settled, List<PatchOutcome> examples) {
		if (failed == 0) {
			return;
		}
		boolean finished = settled >= pending;
		String breach;
		if (finished && updated == 0) {
			breach = "every planned change failed (" + failed + " of " + settled + ", none updated)";
		}
		else if (failed > maxFailures) {
			breach = failed + " groups failed to update, more than writeback.apply.max-failures=" + maxFailures;
		}
		else if ((finished || settled >= MIN_SAMPLE) && failed > maxFailureShare * settled) {
			breach = String.format(Locale.ROOT,
					"%d of %d changes failed (%.1f %%), more than writeback.apply.max-failure-share=%.1f %%", failed,
					settled, 100.0 * failed / settled, 100 * maxFailureShare);
		}
		else {
			return;
		}
		if (retryable == 0) {
			throw new TooManyFailuresException(FailureKind.INVALID_INPUT,
					breach + ", each with an answer Graph gives again to the same request, so retrying cannot help: "
							+ describe(examples)
							+ "; fix the cause (or leave those groups out of the definition), then run "
							+ "'resume'; groups.csv in the report lists every failed group with Graph's answer");
		}
		throw new TooManyFailuresException(FailureKind.TRANSIENT, breach + "; " + retryable
				+ " with an answer that may change on retry (throttling, a Graph or gateway failure): "
				+ describe(examples) + "; run 'resume' (the scheduler retries); groups.csv in the report lists Graph's "
				+ "answer for each");
	}

	private static String describe(List<PatchOutcome> examples) {
		return examples.stream()
			.limit(EXAMPLES)
			.map(o -> "group " + o.groupId() + " HTTP " + o.httpStatus()
					+ (o.errorCode() == null ? "" : " " + o.errorCode())
					+ (o.errorMessage() == null ? "" : " \"" + o.errorMessage() + "\""))
			.collect(Collectors.joining(", "));
	}

	/**
	 * Too many groups failed: something systematic (permissions, a bad type, Graph
	 * unavailable) is wrong. One of the job's own failures, so the terminal shows its
	 * message, not Spring Batch's trace of the chunk it stopped.
	 */
	static final class TooManyFailuresException extends WritebackFailure {

		TooManyFailuresException(FailureKind kind, String message) {
			super(kind, message);
		}

	}
}

package io.writebackbatch.apply;

import java.util.Locale;

import io.writebackbatch.domain.PatchOutcome;
import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.failure.WritebackFailure;
import org.jspecify.annotations.Nullable;

/**
 * When failed changes make a run FAILED (exit 3, resumable: resume sends the failed ones
 * again): more than {@code maxFailures} of them, a share above {@code maxFailureShare}
 * (once {@value #MIN_SAMPLE} changes have an outcome, and at the end), or every change of
 * the step failed.
 *
 * @param pending changes without an outcome when the step started: the step is over when
 * that many have one
 */
record FailureLimits(int maxFailures, double maxFailureShare, long pending) {

	static final int MIN_SAMPLE = 100;

	/**
	 * Throws when the outcomes so far ({@code settled}, of which {@code failed} failed)
	 * exceed a limit.
	 */
	void check(long failed, long updated, long settled, @Nullable PatchOutcome first) {
		if (failed == 0) {
			return;
		}
		String example = first == null ? "" : "; the first: group " + first.groupId() + ", HTTP " + first.httpStatus()
				+ (first.errorCode() == null ? "" : " " + first.errorCode()) + ", " + first.errorMessage();
		String advice = "; see the report's groups.csv for Graph's error codes, fix the cause, then run 'resume'";
		boolean finished = settled >= pending;
		if (finished && updated == 0) {
			throw new TooManyFailuresException(
					"every planned change failed (" + failed + " of " + settled + ", none updated)" + example + advice);
		}
		if (failed > maxFailures) {
			throw new TooManyFailuresException(
					failed + " groups failed to update, more than writeback.apply.max-failures=" + maxFailures + example
							+ advice);
		}
		if ((finished || settled >= MIN_SAMPLE) && failed > maxFailureShare * settled) {
			throw new TooManyFailuresException(String.format(Locale.ROOT,
					"%d of %d changes failed (%.1f %%), more than writeback.apply.max-failure-share=%.1f %%", failed,
					settled, 100.0 * failed / settled, 100 * maxFailureShare) + example + advice);
		}
	}

	/**
	 * Too many groups failed: something systematic (permissions, a bad type, Graph
	 * unavailable) is wrong. One of the job's own failures, so the terminal shows its
	 * message, not Spring Batch's trace of the chunk it stopped.
	 */
	static final class TooManyFailuresException extends WritebackFailure {

		TooManyFailuresException(String message) {
			super(FailureKind.TRANSIENT, message);
		}

	}
}

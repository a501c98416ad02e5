package io.writebackbatch.apply;

import io.writebackbatch.failure.Classified;
import io.writebackbatch.failure.FailureKind;

/**
 * The plan has more changes than the definition's {@code maxChanges} allows; nothing was
 * applied.
 */
public class MaxChangesExceededException extends RuntimeException implements Classified {

	public MaxChangesExceededException(long planned, int max) {
		super("the plan has " + planned + " changes, more than maxChanges: " + max
				+ "; nothing was applied. Review the plan report, then narrow the filters or raise maxChanges");
	}

	@Override
	public FailureKind failureKind() {
		return FailureKind.INVALID_INPUT;
	}

}

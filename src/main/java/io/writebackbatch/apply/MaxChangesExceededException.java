package io.writebackbatch.apply;

/** The plan has more changes than the definition's {@code maxChanges} allows; nothing was applied. */
public class MaxChangesExceededException extends RuntimeException {

	public MaxChangesExceededException(long planned, int max) {
		super("the plan has " + planned + " changes, more than maxChanges: " + max
				+ "; nothing was applied. Review the plan report, then narrow the filters or raise maxChanges");
	}
}

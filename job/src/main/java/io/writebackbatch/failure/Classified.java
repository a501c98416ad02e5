package io.writebackbatch.failure;

/**
 * An exception of the job's own that knows what kind of failure it is; its message names
 * the problem and the fix.
 */
public interface Classified {

	FailureKind failureKind();

}

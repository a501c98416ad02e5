package io.writebackbatch.ops;

/**
 * Proves the job repository (and the run lock held in it) still works; throws saying what
 * does not.
 */
@FunctionalInterface
public interface RepositoryCheck {

	void verify() throws Exception;

}

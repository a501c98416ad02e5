package io.writebackbatch.domain;

/**
 * The plan's verdict for one group: the run changes it, or leaves it alone (the reason
 * code says why).
 */
public enum Decision {

	CHANGE, SKIP

}

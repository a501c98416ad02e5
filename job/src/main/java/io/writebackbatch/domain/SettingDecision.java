package io.writebackbatch.domain;

/** The plan's verdict for the tenant's new-group writeback default. */
public enum SettingDecision {

	CHANGE,
	/** Already the wanted value. */
	SKIP,
	/**
	 * Rollback: changed by someone else since the run being undone; left alone unless
	 * forced.
	 */
	CONFLICT

}

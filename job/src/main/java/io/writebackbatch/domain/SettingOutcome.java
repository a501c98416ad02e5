package io.writebackbatch.domain;

/** How a planned change of the new-group writeback default was carried out. */
public enum SettingOutcome {

	/**
	 * The tenant's Group.Unified setting object was updated (or already had the value).
	 */
	UPDATED,
	/**
	 * The tenant had no Group.Unified setting object: one was created from its template.
	 */
	CREATED

}

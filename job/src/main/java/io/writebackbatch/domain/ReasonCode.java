package io.writebackbatch.domain;

/** Why the plan changes or skips a group. */
public enum ReasonCode {

	WILL_CHANGE,
	/**
	 * A change to a role-assignable group (isAssignableToRole): Graph lets only an app
	 * with RoleManagement.ReadWrite.Directory update it, and answers 403 otherwise.
	 */
	WILL_CHANGE_ROLE_ASSIGNABLE, ALREADY_DESIRED, NOT_IN_ID_LIST, EXCLUDED_BY_ID, ON_PREMISES_MASTERED,
	NAME_NOT_INCLUDED, NAME_EXCLUDED, CREATED_BEFORE_WINDOW, CREATED_AFTER_WINDOW, STATE_NOT_SELECTED,
	/** Rollback: the run being undone did not change this group. */
	NOT_CHANGED_BY_RUN,
	/**
	 * Rollback: someone else changed the group since the run; left alone unless forced.
	 */
	CONFLICT,
	/**
	 * apply --plan: the group's writeback state changed since the plan; left alone unless
	 * forced.
	 */
	DRIFTED_SINCE_PLAN,
	/**
	 * apply --plan --force: the group's writeback state changed since the plan, and the
	 * planned state is written over that change (a forced override, counted as drift).
	 */
	FORCED_OVER_DRIFT

}

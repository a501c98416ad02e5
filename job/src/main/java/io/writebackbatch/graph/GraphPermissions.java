package io.writebackbatch.graph;

/** Graph permissions the job names in its messages. */
public final class GraphPermissions {

	/**
	 * Needed to update a role-assignable group (isAssignableToRole): Graph's
	 * group-post-groups page, example 3, "must be assigned the
	 * RoleManagement.ReadWrite.Directory permission to set the isAssignableToRole
	 * property or update the membership of such groups"; the group-update page does not
	 * say more, so the job assumes it for any update.
	 */
	public static final String ROLE_ASSIGNABLE_UPDATE = "RoleManagement.ReadWrite.Directory";

	private GraphPermissions() {
	}

}

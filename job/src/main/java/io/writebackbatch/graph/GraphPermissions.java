package io.writebackbatch.graph;

import java.util.List;

/**
 * Graph permissions the job names in its messages, sign-in scopes and guidance: the least
 * privileged one Microsoft documents for each thing the job does.
 */
public final class GraphPermissions {

	/** Listing groups, counting them, reading them by id (plan, dry runs). */
	public static final String GROUP_READ = "Group.Read.All";

	/** PATCH of writebackConfiguration (apply, resume, rollback --apply). */
	public static final String GROUP_WRITE = "Group.ReadWrite.All";

	/** Member counts (the member audit); Group.Read.All also covers them. */
	public static final String MEMBER_READ = "GroupMember.Read.All";

	/**
	 * Creating or updating the tenant-wide Group.Unified setting (the new-group default):
	 * directorysetting-update (beta) names it least privileged; Directory.ReadWrite.All
	 * is enough too, Group.ReadWrite.All is not.
	 */
	public static final String SETTINGS_WRITE = "GroupSettings.ReadWrite.All";

	/** Reads the tenant's organization: proves an opaque token's tenant. */
	public static final String ORGANIZATION_READ = "Organization.Read.All";

	/** The broader permission that also changes directory settings. */
	public static final String DIRECTORY_WRITE = "Directory.ReadWrite.All";

	/**
	 * Needed to update a role-assignable group (isAssignableToRole), per Microsoft's
	 * Entra docs (group-post-groups example 3: "must be assigned the
	 * RoleManagement.ReadWrite.Directory permission to set the isAssignableToRole
	 * property or update the membership of such groups").
	 */
	public static final String ROLE_ASSIGNABLE_UPDATE = "RoleManagement.ReadWrite.Directory";

	/**
	 * The permission Microsoft's MSIdentityTools (Update-MsIdGroupWritebackConfiguration)
	 * require for the same update. Microsoft's sources disagree; the job names both.
	 */
	public static final String ROLE_ASSIGNABLE_UPDATE_MSIDENTITYTOOLS = "PrivilegedAccess.ReadWrite.AzureADGroup";

	/** Both permissions Microsoft's sources name for updating role-assignable groups. */
	public static final List<String> ROLE_ASSIGNABLE = List.of(ROLE_ASSIGNABLE_UPDATE,
			ROLE_ASSIGNABLE_UPDATE_MSIDENTITYTOOLS);

	/**
	 * One sentence for plan output and 403 messages: both permissions and the conflict
	 * between Microsoft's sources.
	 */
	public static final String ROLE_ASSIGNABLE_ADVICE = "updating a role-assignable group (isAssignableToRole) "
			+ "needs " + ROLE_ASSIGNABLE_UPDATE + " per Microsoft's Entra docs, while Microsoft's MSIdentityTools "
			+ "require " + ROLE_ASSIGNABLE_UPDATE_MSIDENTITYTOOLS
			+ "; Microsoft's sources disagree, so grant both (or exclude these groups)";

	/** What a 403 on a settings call asks for. */
	public static final String SETTINGS_ADVICE = SETTINGS_WRITE + " (least privileged; " + DIRECTORY_WRITE
			+ " also works, " + GROUP_WRITE + " does not)";

	private GraphPermissions() {
	}

}

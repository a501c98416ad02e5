package io.writebackbatch.graph.signin;

import java.util.EnumSet;
import java.util.Set;

import io.writebackbatch.graph.GraphPermissions;

/**
 * The Graph delegated permissions a run asks the signed-in administrator for: the least
 * privileged ones Graph's API reference lists for what the command does (group
 * list/update, directorySetting list/create/update).
 */
public enum DelegatedPermission {

	/**
	 * List groups with writebackConfiguration, read their members, read the Group.Unified
	 * setting.
	 */
	GROUP_READ_ALL("Group.Read.All"),

	/** PATCH writebackConfiguration. */
	GROUP_READ_WRITE_ALL("Group.ReadWrite.All"),

	/** Create or update the tenant-wide Group.Unified setting (the new-group default). */
	GROUP_SETTINGS_READ_WRITE_ALL("GroupSettings.ReadWrite.All"),

	/**
	 * Update role-assignable groups, per Microsoft's Entra docs (asked for only when the
	 * run changes such groups).
	 */
	ROLE_MANAGEMENT_READ_WRITE_DIRECTORY(GraphPermissions.ROLE_ASSIGNABLE_UPDATE),

	/**
	 * Update role-assignable groups, per Microsoft's MSIdentityTools: the sources
	 * disagree, so the run asks for both.
	 */
	PRIVILEGED_ACCESS_READ_WRITE_AZURE_AD_GROUP(GraphPermissions.ROLE_ASSIGNABLE_UPDATE_MSIDENTITYTOOLS);

	/** What a run that changes role-assignable groups asks for in addition. */
	public static final Set<DelegatedPermission> ROLE_ASSIGNABLE = EnumSet.of(ROLE_MANAGEMENT_READ_WRITE_DIRECTORY,
			PRIVILEGED_ACCESS_READ_WRITE_AZURE_AD_GROUP);

	private final String scopeName;

	DelegatedPermission(String scopeName) {
		this.scopeName = scopeName;
	}

	/** The permission's name as Graph spells it, e.g. {@code Group.ReadWrite.All}. */
	public String scopeName() {
		return scopeName;
	}

	/**
	 * @param writes the command changes the tenant (apply, resume, scheduled, rollback
	 * --apply)
	 * @param changesSetting the run may change the new-group default (Group.Unified
	 * setting)
	 */
	public static Set<DelegatedPermission> forRun(boolean writes, boolean changesSetting) {
		if (!writes) {
			return EnumSet.of(GROUP_READ_ALL);
		}
		return changesSetting ? EnumSet.of(GROUP_READ_WRITE_ALL, GROUP_SETTINGS_READ_WRITE_ALL)
				: EnumSet.of(GROUP_READ_WRITE_ALL);
	}

}

package io.writebackbatch.graph.signin;

import java.util.EnumSet;
import java.util.Set;

/**
 * The Graph delegated permissions a run asks the signed-in administrator for: only what the command needs (the same
 * split as the application permissions in the README's permissions table).
 */
public enum DelegatedPermission {

	GROUP_READ_ALL("Group.Read.All"),

	GROUP_MEMBER_READ_ALL("GroupMember.Read.All"),

	DIRECTORY_READ_ALL("Directory.Read.All"),

	GROUP_READ_WRITE_ALL("Group.ReadWrite.All"),

	DIRECTORY_READ_WRITE_ALL("Directory.ReadWrite.All");

	private final String scopeName;

	DelegatedPermission(String scopeName) {
		this.scopeName = scopeName;
	}

	/** The permission's name as Graph spells it, e.g. {@code Group.ReadWrite.All}. */
	public String scopeName() {
		return scopeName;
	}

	/**
	 * @param writes the command changes the tenant (apply, resume, rollback --apply)
	 * @param setting the run reads (plan) or changes (writes) the Group.Unified directory setting
	 * @param memberAudit the run counts group members
	 */
	public static Set<DelegatedPermission> forRun(boolean writes, boolean setting, boolean memberAudit) {
		Set<DelegatedPermission> permissions = EnumSet.of(writes ? GROUP_READ_WRITE_ALL : GROUP_READ_ALL);
		if (setting) {
			permissions.add(writes ? DIRECTORY_READ_WRITE_ALL : DIRECTORY_READ_ALL);
		}
		if (memberAudit) {
			permissions.add(GROUP_MEMBER_READ_ALL);
		}
		return permissions;
	}
}

package io.writebackbatch.simulator;

import java.util.HashSet;
import java.util.Set;

/**
 * Which Graph permissions each accepted token carries (an app's granted application
 * permissions). The main token's grants are {@link GraphModes#grants()} (changeable
 * live); the read-only token carries only Group.Read.All; the privileged token carries
 * the main token's grants and RoleManagement.ReadWrite.Directory. Graph answers 403
 * {@code Authorization_RequestDenied} when a token lacks what an operation needs.
 */
final class Permissions {

	static final String GROUP_READ = GraphModes.GROUP_READ;

	static final String GROUP_READ_WRITE = GraphModes.GROUP_READ_WRITE;

	/** Needed to update a role-assignable group (isAssignableToRole: true). */
	static final String ROLE_MANAGEMENT = GraphModes.ROLE_MANAGEMENT;

	/**
	 * Either of these lets an app create or update a directory setting
	 * (directorysetting-update, beta); Group.ReadWrite.All does not.
	 */
	static final Set<String> SETTINGS_WRITE = Set.of(GraphModes.GROUP_SETTINGS_READ_WRITE,
			GraphModes.DIRECTORY_READ_WRITE);

	private final Controls controls;

	private final String token;

	private final String readOnlyToken;

	private final String privilegedToken;

	Permissions(SimulatorConfig cfg, Controls controls) {
		this.controls = controls;
		this.token = cfg.token();
		this.readOnlyToken = cfg.readOnlyToken();
		this.privilegedToken = cfg.privilegedToken();
	}

	/** True when the token is one of the tenant's (an unknown token gets 401). */
	boolean accepts(String bearer) {
		return bearer.equals(token) || bearer.equals(readOnlyToken) || bearer.equals(privilegedToken);
	}

	boolean has(String bearer, String permission) {
		return grantsOf(bearer).contains(permission);
	}

	boolean hasAny(String bearer, Set<String> permissions) {
		Set<String> granted = grantsOf(bearer);
		return permissions.stream().anyMatch(granted::contains);
	}

	private Set<String> grantsOf(String bearer) {
		if (bearer.equals(token)) {
			return controls.modes().grants();
		}
		if (bearer.equals(privilegedToken)) {
			Set<String> more = new HashSet<>(controls.modes().grants());
			more.add(ROLE_MANAGEMENT);
			return more;
		}
		return bearer.equals(readOnlyToken) ? Set.of(GROUP_READ) : Set.of();
	}

}

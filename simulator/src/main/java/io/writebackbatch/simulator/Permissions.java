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

	/**
	 * Reads the tenant's organization ({@code GET /organization}): every simulated token
	 * has it, as an app whose opaque token must be proven through Graph would.
	 */
	static final String ORGANIZATION_READ = "Organization.Read.All";

	/** What the read-only token is granted. */
	static final Set<String> READ_ONLY = Set.of(GROUP_READ, ORGANIZATION_READ);

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
			return main(controls.modes());
		}
		if (bearer.equals(privilegedToken)) {
			return privileged(controls.modes());
		}
		return bearer.equals(readOnlyToken) ? READ_ONLY : Set.of();
	}

	/** What the main token is granted under these modes. */
	static Set<String> main(GraphModes modes) {
		Set<String> granted = new HashSet<>(modes.grants());
		granted.add(ORGANIZATION_READ);
		return granted;
	}

	/** What the privileged token is granted under these modes. */
	static Set<String> privileged(GraphModes modes) {
		Set<String> granted = main(modes);
		granted.add(ROLE_MANAGEMENT);
		return granted;
	}

}

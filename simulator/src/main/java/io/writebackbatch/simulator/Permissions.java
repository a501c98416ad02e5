package io.writebackbatch.simulator;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which Graph permissions each accepted token carries (an app's granted application
 * permissions). Graph answers 403 {@code Authorization_RequestDenied} when a token lacks
 * what an operation needs.
 */
final class Permissions {

	static final String GROUP_READ = "Group.Read.All";

	static final String GROUP_READ_WRITE = "Group.ReadWrite.All";

	/** Needed to update a role-assignable group (isAssignableToRole: true). */
	static final String ROLE_MANAGEMENT = "RoleManagement.ReadWrite.Directory";

	/**
	 * Reads the tenant's organization ({@code GET /organization}): every simulated token
	 * has it, as an app whose opaque token must be proven through Graph would.
	 */
	static final String ORGANIZATION_READ = "Organization.Read.All";

	/** What the main token is granted. */
	static final Set<String> MAIN = Set.of(GROUP_READ, GROUP_READ_WRITE, ORGANIZATION_READ);

	/** What the read-only token is granted. */
	static final Set<String> READ_ONLY = Set.of(GROUP_READ, ORGANIZATION_READ);

	/** What the privileged token is granted. */
	static final Set<String> PRIVILEGED = Set.of(GROUP_READ, GROUP_READ_WRITE, ROLE_MANAGEMENT, ORGANIZATION_READ);

	private final Map<String, Set<String>> byToken = new HashMap<>();

	Permissions(SimulatorConfig cfg) {
		byToken.put(cfg.token(), MAIN);
		if (cfg.readOnlyToken() != null) {
			byToken.put(cfg.readOnlyToken(), READ_ONLY);
		}
		if (cfg.privilegedToken() != null) {
			byToken.put(cfg.privilegedToken(), PRIVILEGED);
		}
	}

	/** True when the token is one of the tenant's (an unknown token gets 401). */
	boolean accepts(String token) {
		return byToken.containsKey(token);
	}

	boolean has(String token, String permission) {
		return byToken.getOrDefault(token, Set.of()).contains(permission);
	}

}

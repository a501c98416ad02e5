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

	private final Map<String, Set<String>> byToken = new HashMap<>();

	Permissions(SimulatorConfig cfg) {
		byToken.put(cfg.token(), Set.of(GROUP_READ, GROUP_READ_WRITE));
		if (cfg.readOnlyToken() != null) {
			byToken.put(cfg.readOnlyToken(), Set.of(GROUP_READ));
		}
		if (cfg.privilegedToken() != null) {
			byToken.put(cfg.privilegedToken(), Set.of(GROUP_READ, GROUP_READ_WRITE, ROLE_MANAGEMENT));
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

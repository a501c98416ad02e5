package io.writebackbatch.graph;

import io.writebackbatch.failure.FailureKind;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.PropertyResolver;

/**
 * The pre-issued token variables as the process received them, unset apart from empty:
 * the settings they feed ({@code writeback.graph.access-token} and {@code -file}) read
 * both as "no token". A variable that is set but blank (an empty Kubernetes secret value,
 * an unfilled template) names a token nobody gave; falling back to azure-identity then
 * signs in as whatever identity the pod happens to have, or fails with a message about
 * AZURE_CLIENT_ID that hides the real mistake.
 *
 * @param token {@code GRAPH_ACCESS_TOKEN}; null when unset
 * @param tokenFile {@code GRAPH_ACCESS_TOKEN_FILE}; null when unset
 */
record TokenVariables(@Nullable String token, @Nullable String tokenFile) {

	static final String TOKEN = "GRAPH_ACCESS_TOKEN";

	static final String TOKEN_FILE = "GRAPH_ACCESS_TOKEN_FILE";

	/** Neither variable set (tests that build a connection from settings alone). */
	static final TokenVariables UNSET = new TokenVariables(null, null);

	/** Both variables as the Spring environment holds them (null when unset). */
	static TokenVariables of(PropertyResolver environment) {
		return new TokenVariables(environment.getProperty(TOKEN), environment.getProperty(TOKEN_FILE));
	}

	/**
	 * Refuses (exit 2) a variable set but blank, when no other pre-issued token decides
	 * the credential: called just before azure-identity would be chosen instead.
	 */
	void refuseBlank() {
		refuseBlank(TOKEN, token, "give the token in it");
		refuseBlank(TOKEN_FILE, tokenFile, "give the path of the file holding the token");
	}

	private static void refuseBlank(String name, @Nullable String value, String give) {
		if (value == null || !value.isBlank()) {
			return;
		}
		throw new GraphAccessException(FailureKind.AUTHENTICATION, name + " is set but "
				+ (value.isEmpty() ? "empty" : "holds only white space")
				+ " (an empty Kubernetes secret value, an unfilled template?), so no token was given; the job does not fall "
				+ "back to azure-identity on its own: remove the variable to use azure-identity (AZURE_CLIENT_ID + "
				+ "AZURE_TENANT_ID with a secret or certificate, workload identity or a managed identity), or " + give);
	}

}

package io.writebackbatch.definition;

import java.util.regex.Pattern;

import io.writebackbatch.domain.TenantId;
import io.writebackbatch.domain.Printable;
import org.jspecify.annotations.Nullable;

/**
 * Which credential a tenant's pod signs in with: never a secret, only where to find it.
 * The app's client id alone is workload identity (the pod's federated token); with
 * {@code certificatePath} a certificate file, with {@code secretEnv} the name of the
 * environment variable that holds a client secret.
 */
public record FleetCredential(String clientId, @Nullable String certificatePath, @Nullable String secretEnv) {

	private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

	public FleetCredential {
		if (clientId == null) {
			throw new FieldProblem("clientId", "is required: the application (client) id of the tenant's app "
					+ "registration or managed identity");
		}
		try {
			new TenantId(clientId); // a client id is a GUID too
		}
		catch (IllegalArgumentException e) {
			throw new FieldProblem("clientId", "'" + Printable.of(clientId)
					+ "' is not a client id: give the app's Application (client) ID, a GUID");
		}
		if (certificatePath != null && secretEnv != null) {
			throw new FieldProblem("secretEnv",
					"give certificatePath or secretEnv, not both (or neither for workload identity)");
		}
		if (secretEnv != null && !ENV_NAME.matcher(secretEnv).matches()) {
			throw new FieldProblem("secretEnv", "is not the name of an environment variable: give the variable's "
					+ "name (e.g. CONTOSO_CLIENT_SECRET), never the secret itself, which must not be in this file");
		}
		if (certificatePath != null && certificatePath.isBlank()) {
			throw new FieldProblem("certificatePath", "is empty: give the certificate file's path in the pod");
		}
	}

	/** Workload identity: the pod's federated token, no certificate or secret. */
	public boolean workloadIdentity() {
		return certificatePath == null && secretEnv == null;
	}

}

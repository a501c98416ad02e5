package io.writebackbatch.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.node.ObjectNode;

/**
 * Access tokens shaped as Entra issues them for an app (a JWT whose claims say the tenant
 * {@code tid}, the app {@code appid} and the granted application permissions
 * {@code roles}), so a client can read which tenant a token is for without asking Graph.
 * The signature is not a real one: only Graph checks it, and here the simulator accepts
 * exactly the tokens it issued.
 */
final class SimulatedTokens {

	private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

	private SimulatedTokens() {
	}

	/**
	 * A JWT-shaped token named {@code name} (its {@code jti}) for this tenant and app.
	 */
	static String jwt(String name, String tenantId, String appId, Set<String> roles) {
		ObjectNode header = Json.MAPPER.createObjectNode().put("typ", "JWT").put("alg", "RS256").put("kid", "sim");
		ObjectNode claims = Json.MAPPER.createObjectNode()
			.put("aud", "https://graph.microsoft.com")
			.put("iss", "https://sts.windows.net/" + tenantId + "/")
			.put("tid", tenantId)
			.put("appid", appId)
			.put("idtyp", "app")
			.put("jti", name);
		new TreeSet<>(roles).forEach(claims.putArray("roles")::add);
		return part(header.toString()) + "." + part(claims.toString()) + "." + part("simulated signature of " + name);
	}

	private static String part(String text) {
		return URL.encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}

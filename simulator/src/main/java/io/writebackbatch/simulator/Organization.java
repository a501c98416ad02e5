package io.writebackbatch.simulator;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /organization}: the tenant the token was issued for. Graph serves it only to
 * a token granted one of Organization.Read.All, Directory.Read.All (or their ReadWrite
 * forms); the job asks it when its token is opaque (not a JWT whose {@code tid} claim it
 * can read).
 */
record Organization(String tenantId, Permissions permissions, ErrorAnswers errors) {

	GraphResponse get(GraphRequest req) {
		if (!permissions.has(req.bearer(), Permissions.ORGANIZATION_READ)) {
			return errors.denied(req);
		}
		ObjectNode root = Json.MAPPER.createObjectNode();
		root.put("@odata.context", "https://graph.microsoft.com/beta/$metadata#organization(id)");
		ArrayNode value = root.putArray("value");
		value.addObject().put("id", tenantId);
		return GraphResponse.json(200, root);
	}

}

package io.writebackbatch.graph.gateway;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One request inside a {@code $batch}: {@code key} is what the caller knows it by (a
 * group id); the envelope numbers the steps itself.
 *
 * @param key the caller's key, unique within a batch
 * @param method GET or PATCH
 * @param url relative to the version ({@code /groups/{id}})
 * @param body the JSON body of a PATCH, or null
 */
public record BatchStep(String key, String method, String url, @Nullable JsonNode body) {

	/** A PATCH of one group. */
	public static BatchStep patchGroup(String groupId, JsonNode body) {
		return new BatchStep(groupId, "PATCH", "/groups/" + groupId, body);
	}

}

package io.writebackbatch.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * An answer: a JSON body, a text body, or none; headers are added as the request passes
 * the layers.
 */
record GraphResponse(int status, Map<String, String> headers, JsonNode json, String text) {

	/** Graph's content type for JSON answers. */
	static final String JSON_CONTENT_TYPE = "application/json;odata.metadata=minimal;odata.streaming=true;"
			+ "IEEE754Compatible=false;charset=utf-8";

	static GraphResponse json(int status, JsonNode body) {
		return new GraphResponse(status, new LinkedHashMap<>(), body, null);
	}

	static GraphResponse text(int status, String body, String contentType) {
		return new GraphResponse(status, new LinkedHashMap<>(), null, body).header("Content-Type", contentType);
	}

	static GraphResponse empty(int status) {
		return new GraphResponse(status, new LinkedHashMap<>(), null, null);
	}

	GraphResponse header(String name, String value) {
		headers.put(name, value);
		return this;
	}

}

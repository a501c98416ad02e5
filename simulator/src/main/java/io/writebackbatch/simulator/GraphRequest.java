package io.writebackbatch.simulator;

import java.util.Locale;
import java.util.Map;

/**
 * A parsed request to Graph: a top-level one or a {@code $batch} step. {@code path} is
 * relative to {@code /beta}; header names are lower case; {@code origin} is
 * {@code http://host:port} as the client addressed it.
 */
record GraphRequest(String method, String path, Map<String, String> query, Map<String, String> headers, byte[] body,
		String requestId, String clientRequestId, String origin) {

	String header(String name) {
		return headers.get(name.toLowerCase(Locale.ROOT));
	}

	/** The bearer token ("" without one). */
	String bearer() {
		String auth = header("authorization");
		return (auth == null || auth.length() <= 7) ? "" : auth.substring(7).trim();
	}

	/**
	 * An advanced query: answered from the eventually consistent index
	 * ({@link AdvancedQueryIndex}).
	 */
	boolean isAdvancedQuery() {
		return "eventual".equalsIgnoreCase(header("consistencylevel"));
	}

	GraphRequest withPath(String newPath) {
		return new GraphRequest(method, newPath, query, headers, body, requestId, clientRequestId, origin);
	}

}

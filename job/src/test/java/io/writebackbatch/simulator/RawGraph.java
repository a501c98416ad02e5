package io.writebackbatch.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP to a simulator, for what the SDK hides (envelope status, raw bodies). */
record RawGraph(int port, String token) {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.method(method,
					(body == null) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.header("Authorization", "Bearer " + token);
		if (body != null) {
			b.header("Content-Type", "application/json");
		}
		return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** {@code POST /_sim/faults} with a JSON object; its answer. */
	HttpResponse<String> faults(String json) throws IOException, InterruptedException {
		return send("POST", "/_sim/faults", json);
	}

	static JsonNode json(HttpResponse<String> r) {
		return JSON.readTree(r.body());
	}

	/** A batch of GETs (or of PATCHes that turn writeback off) of these groups. */
	static String batchOf(java.util.List<String> ids, boolean patch) {
		StringBuilder b = new StringBuilder("{\"requests\":[");
		for (int i = 0; i < ids.size(); i++) {
			b.append(i == 0 ? "" : ",").append("{\"id\":\"").append(i + 1).append("\",\"method\":\"");
			b.append(patch ? "PATCH" : "GET").append("\",\"url\":\"/groups/").append(ids.get(i)).append('"');
			if (patch) {
				b.append(",\"headers\":{\"Content-Type\":\"application/json\"},"
						+ "\"body\":{\"writebackConfiguration\":{\"isEnabled\":false}}");
			}
			b.append('}');
		}
		return b.append("]}").toString();
	}

}

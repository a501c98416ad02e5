package io.writebackbatch.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

/**
 * Every HTTP exchange: the admin API under {@code /_sim} as it is; otherwise what the
 * network and a gateway do (connection resets, latency, gateway pages), the {@code /beta}
 * version segment, authentication, then {@code $batch} or the {@link Router}, and the
 * answer written with Graph's headers.
 */
record HttpFront(Controls controls, Permissions permissions, Router router, BatchEndpoint batch, Admin admin,
		Counters counters, ErrorAnswers errors) {

	private static final String WWW_AUTHENTICATE_EMPTY = "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"";

	void handle(HttpExchange ex, String defaultHost) throws IOException {
		try (ex) {
			counters.count(Counters.Name.REQUESTS);
			String rawPath = ex.getRequestURI().getPath(); // percent-decoded, like Graph
			Map<String, String> headers = new HashMap<>();
			ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
			String requestId = UUID.randomUUID().toString();
			String clientRequestId = headers.getOrDefault("client-request-id", requestId);
			if (rawPath.startsWith("/_sim")) {
				byte[] body = ex.getRequestBody().readAllBytes();
				admin.handle(ex, rawPath, QueryString.parse(ex.getRequestURI().getRawQuery()), body, requestId,
						clientRequestId);
				return;
			}
			FaultConfig f = controls.faults();
			if (!network(f)) {
				return; // closing the exchange before any response closes the connection
			}
			byte[] body = ex.getRequestBody().readAllBytes();
			GatewayFault gateway = GatewayFault.draw(f.gatewayErrorRate(), ThreadLocalRandom.current());
			if (gateway == GatewayFault.NONE && rawPath.equals("/beta/$batch")) {
				gateway = GatewayFault.draw(controls.batchFaults().gatewayRate(), ThreadLocalRandom.current());
			}
			if (gateway.beforeGraph()) {
				counters.count(Counters.Name.INJECTED_5XX);
				gateway.send(ex);
				return;
			}
			GraphRequest req = new GraphRequest(ex.getRequestMethod().toUpperCase(Locale.ROOT), rawPath,
					QueryString.parse(ex.getRequestURI().getRawQuery()), headers, body, requestId, clientRequestId,
					"http://" + headers.getOrDefault("host", defaultHost));
			GraphResponse resp = answer(req);
			if (gateway.afterGraph()) {
				counters.count(Counters.Name.INJECTED_5XX);
				gateway.send(ex);
				return;
			}
			write(ex, resp, requestId, clientRequestId, Mangling.draw(f, ThreadLocalRandom.current(), counters));
		}
		catch (RuntimeException | Error ex2) {
			ex2.printStackTrace();
			try {
				byte[] b = Json.MAPPER.writeValueAsBytes(Json.error("UnknownError", String.valueOf(ex2), "", ""));
				ex.sendResponseHeaders(500, b.length);
				ex.getResponseBody().write(b);
			}
			catch (IOException | RuntimeException ignored) {
				// best effort
			}
		}
	}

	/**
	 * Resets and latency; false when the connection is to be closed without an answer.
	 */
	private boolean network(FaultConfig f) {
		ThreadLocalRandom rnd = ThreadLocalRandom.current();
		if (f.resetRate() > 0 && rnd.nextDouble() < f.resetRate()) {
			counters.count(Counters.Name.CONNECTION_RESETS);
			return false;
		}
		long jitter = f.jitter().toMillis();
		long ms = f.latency().toMillis() + ((jitter > 0) ? rnd.nextLong(jitter + 1) : 0);
		if (ms > 0) {
			try {
				Thread.sleep(ms);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

	private GraphResponse answer(GraphRequest req) {
		String path = req.path();
		if (!path.startsWith("/beta/") && !path.equals("/beta")) {
			return errors.error(404, "BadRequest", "Invalid version.", req); // Graph:
																				// unknown
																				// version
																				// segment
		}
		GraphRequest inVersion = req.withPath(path.substring(5));
		GraphResponse refused = authenticate(inVersion);
		if (refused != null) {
			return refused;
		}
		boolean isBatch = inVersion.path().equals("/$batch") && inVersion.method().equals("POST");
		return isBatch ? batch.batch(inVersion) : router.execute(inVersion);
	}

	private GraphResponse authenticate(GraphRequest req) {
		String auth = req.header("authorization");
		if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.substring(7).isBlank()) {
			counters.count(Counters.Name.UNAUTHORIZED);
			return errors.error(401, "InvalidAuthenticationToken", "Access token is empty.", req)
				.header("WWW-Authenticate", WWW_AUTHENTICATE_EMPTY);
		}
		if (!permissions.accepts(req.bearer())) {
			counters.count(Counters.Name.UNAUTHORIZED);
			return errors
				.error(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.", req)
				.header("WWW-Authenticate", "Bearer realm=\"\", error=\"invalid_token\"");
		}
		return null;
	}

	private static void write(HttpExchange ex, GraphResponse resp, String requestId, String clientRequestId,
			Mangling mangling) throws IOException {
		Headers h = ex.getResponseHeaders();
		h.set("request-id", requestId);
		h.set("client-request-id", clientRequestId);
		h.set("Cache-Control", "no-cache");
		resp.headers().forEach(h::set);
		if (resp.json() == null && resp.text() == null) {
			ex.sendResponseHeaders(resp.status(), -1);
			return;
		}
		byte[] b = (resp.json() != null) ? Json.MAPPER.writeValueAsBytes(resp.json())
				: resp.text().getBytes(StandardCharsets.UTF_8);
		if (!resp.headers().containsKey("Content-Type")) {
			h.set("Content-Type", (resp.json() != null) ? GraphResponse.JSON_CONTENT_TYPE : "text/plain");
		}
		b = mangling.apply(b, ThreadLocalRandom.current());
		ex.sendResponseHeaders(resp.status(), (b.length == 0) ? -1 : b.length);
		try (OutputStream os = ex.getResponseBody()) {
			os.write(b);
		}
	}

}

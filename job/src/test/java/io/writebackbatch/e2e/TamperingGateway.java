package io.writebackbatch.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A gateway in front of the simulator that passes everything through but can tamper with
 * group listing pages (as a misbehaving proxy or cache would) or answer them with its own
 * HTML 502 page: for listing answers Graph itself does not give but what stands in front
 * of it can.
 */
final class TamperingGateway implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "transfer-encoding",
			"upgrade", "expect", "keep-alive");

	private final HttpServer server;

	private final HttpClient http = HttpClient.newHttpClient();

	private final String simulatorOrigin;

	private final AtomicInteger listingPages = new AtomicInteger();

	private volatile BiConsumer<Integer, ObjectNode> pageTamper = (page, json) -> {
	};

	private volatile Set<Integer> badGatewayRequests = Set.of();

	private volatile Set<Integer> throttledRequests = Set.of();

	private volatile String throttledRetryAfter;

	TamperingGateway(String simulatorBaseUrl) throws IOException {
		this.simulatorOrigin = simulatorBaseUrl.substring(0, simulatorBaseUrl.length() - "/beta".length());
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", this::handle);
		server.start();
	}

	String baseUrl() {
		return origin() + "/beta";
	}

	/**
	 * Changes listing answer {@code n} (1-based) before it is passed on; nextLinks
	 * already point at the gateway.
	 */
	TamperingGateway tamperPages(BiConsumer<Integer, ObjectNode> tamper) {
		this.pageTamper = tamper;
		return this;
	}

	/**
	 * Answers the listing requests with these numbers (1-based, retries counted) with a
	 * gateway's HTML 502 page.
	 */
	TamperingGateway badGatewayOnListingRequests(Integer... numbers) {
		this.badGatewayRequests = Set.of(numbers);
		return this;
	}

	/**
	 * Answers the listing requests with these numbers (1-based) with Graph's 429 and this
	 * {@code Retry-After}.
	 */
	TamperingGateway throttleListingRequests(String retryAfter, Integer... numbers) {
		this.throttledRetryAfter = retryAfter;
		this.throttledRequests = Set.of(numbers);
		return this;
	}

	int listingPagesServed() {
		return listingPages.get();
	}

	private String origin() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			boolean listing = exchange.getRequestMethod().equals("GET") && path.equals("/beta/groups");
			int page = listing ? listingPages.incrementAndGet() : 0;
			if (listing && badGatewayRequests.contains(page)) {
				send(exchange, 502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");
				return;
			}
			if (listing && throttledRequests.contains(page)) {
				exchange.getResponseHeaders().set("Retry-After", throttledRetryAfter);
				send(exchange, 429, "application/json",
						"{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Too many "
								+ "requests. Please retry after the time specified in the Retry-After header.\"}}");
				return;
			}
			HttpResponse<String> answer = forward(exchange);
			String body = answer.body().replace(simulatorOrigin, origin());
			if (listing && answer.statusCode() == 200) {
				ObjectNode json = (ObjectNode) JSON.readTree(body);
				pageTamper.accept(page, json);
				body = JSON.writeValueAsString(json);
			}
			answer.headers().map().forEach((name, values) -> {
				if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
					exchange.getResponseHeaders().put(name, values);
				}
			});
			send(exchange, answer.statusCode(), null, body);
		}
	}

	private HttpResponse<String> forward(HttpExchange exchange) throws IOException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulatorOrigin + exchange.getRequestURI()))
			.method(exchange.getRequestMethod(),
					HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
		exchange.getRequestHeaders().forEach((name, values) -> {
			if (!HOP_BY_HOP.contains(name.toLowerCase())) {
				values.forEach(value -> request.header(name, value));
			}
		});
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException(e);
		}
	}

	private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		if (contentType != null) {
			exchange.getResponseHeaders().set("Content-Type", contentType);
		}
		exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		if (bytes.length > 0) {
			exchange.getResponseBody().write(bytes);
		}
	}

	@Override
	public void close() {
		server.stop(0);
	}

}

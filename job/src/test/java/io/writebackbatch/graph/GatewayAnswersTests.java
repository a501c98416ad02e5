package io.writebackbatch.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Stream;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.writebackbatch.domain.Outcome;
import io.writebackbatch.domain.PatchOutcome;
import io.writebackbatch.domain.Writeback;
import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.graph.gateway.Route;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

/**
 * Every route the gateway serves ({@link Route}) against every kind of bad answer
 * ({@link BadAnswer}): each row lets the first request of a route meet the bad answer and
 * every later one the good answer, then checks the gateway's judgement through the class
 * the job calls. Both axes are enumerated from code: a new route without a
 * {@link #DRIVERS driver} fails {@link #everyRouteHasADriver()}, a new answer kind adds
 * its rows.
 *
 * <p>
 * The answers come from a tiny HTTP server in this test, not from the simulator (whose
 * faults on every route land on its own branch), and are only those Microsoft's docs
 * describe: an HTML 502 from a gateway in front of Graph, an empty or truncated 200 (a
 * proxy that cut the answer), {@code "error": null} (msgraph-sdk-java#2386), an error
 * without a message, a 429 with Retry-After (throttling) or, for {@code $batch}, a 424
 * envelope carrying each step's 429 ("Throttling and batching"), a 401 with a CAE claims
 * challenge (WWW-Authenticate claims=) and a 403 Authorization_RequestDenied.
 */
class GatewayAnswersTests {

	static final String GROUP_ID = "0a1b2c3d-0000-4000-8000-000000000001";

	static final String GROUP = "{\"id\":\"" + GROUP_ID + "\",\"displayName\":\"Sales\",\"groupTypes\":[\"Unified\"],"
			+ "\"writebackConfiguration\":{\"isEnabled\":true,\"onPremisesGroupType\":null}}";

	static final String CLAIMS_JSON = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1700000000\"}}}";

	static final String CLAIMS = Base64.getEncoder().encodeToString(CLAIMS_JSON.getBytes(StandardCharsets.UTF_8));

	/** The kinds of bad answer; a kind added here adds a row per route. */
	enum BadAnswer {

		HTML_502, EMPTY_200, TRUNCATED_200, ERROR_NULL_500, ERROR_WITHOUT_MESSAGE_503, THROTTLED, CLAIMS_401,
		DENIED_403;

		/** Nothing is known: sent again (if the route is retried). */
		boolean noAnswer() {
			return this != CLAIMS_401 && this != DENIED_403;
		}

		void send(HttpExchange exchange, Route route, String good) throws IOException {
			switch (this) {
				case HTML_502 ->
					answer(exchange, 502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>", Map.of());
				case EMPTY_200 -> answer(exchange, 200, "application/json", "", Map.of());
				case TRUNCATED_200 ->
					answer(exchange, 200, "application/json", good.substring(0, good.length() / 2), Map.of());
				case ERROR_NULL_500 -> answer(exchange, 500, "application/json", "{\"error\": null}", Map.of());
				case ERROR_WITHOUT_MESSAGE_503 -> answer(exchange, 503, "application/json",
						"{\"error\":{\"code\":\"serviceNotAvailable\"}}", Map.of());
				case THROTTLED -> {
					if (route.batched()) {
						answer(exchange, 424, "application/json",
								"{\"responses\":[{\"id\":\"1\",\"status\":429,\"headers\":{\"Retry-After\":\"0.05\","
										+ "\"x-ms-throttle-scope\":\"Tenant/Write/app/tenant\"},\"body\":{\"error\":"
										+ "{\"code\":\"TooManyRequests\",\"message\":\"Too many requests\"}}}]}",
								Map.of());
					}
					else {
						answer(exchange, 429, "application/json",
								"{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Too many requests\"}}",
								Map.of("Retry-After", "0.05", "x-ms-throttle-scope",
										"Tenant_Application/ReadWrite/app/t", "x-ms-throttle-information",
										"ResourceUnitLimitExceeded"));
					}
				}
				case CLAIMS_401 -> answer(exchange, 401, "application/json",
						"{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Continuous access "
								+ "evaluation resulted in challenge with result: InteractionRequired\"}}",
						Map.of("WWW-Authenticate",
								"Bearer realm=\"\", error=\"insufficient_claims\", claims=\"" + CLAIMS + "\""));
				case DENIED_403 ->
					answer(exchange, 403, "application/json", "{\"error\":{\"code\":\"Authorization_RequestDenied\","
							+ "\"message\":\"Insufficient privileges to complete the operation.\"}}", Map.of());
			}
		}

	}

	/**
	 * How a route is driven through the class the job calls: the good answer Graph gives
	 * and what the caller returns for it.
	 */
	record Driver(String goodStatusAndBody, Function<GraphConnection, Object> call) {

		int goodStatus() {
			return Integer.parseInt(goodStatusAndBody.substring(0, 3));
		}

		String goodBody() {
			return goodStatusAndBody.substring(4);
		}

	}

	/** The tenant GET /organization names (the test's tokens are opaque). */
	static final String TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";

	static final Map<Route, Driver> DRIVERS = new EnumMap<>(Route.class);

	/** writeback.graph.batch.call-timeout of every row's connection. */
	static final Duration BATCH_CALL_TIMEOUT = Duration.ofSeconds(1);

	static {
		String page = "{\"value\":[" + GROUP + "]}";
		Function<GraphConnection, Object> firstPage = c -> new GroupDirectory(c).firstPage().groups().size();
		DRIVERS.put(Route.LIST_GROUPS, new Driver("200 " + page, firstPage));
		DRIVERS.put(Route.NEXT_PAGE, new Driver("200 " + page,
				c -> new GroupDirectory(c).page(c.baseUri() + "/groups?$skiptoken=abc").groups().size()));
		DRIVERS.put(Route.CREATED_SINCE, new Driver("200 " + page,
				c -> new CreatedSinceListing(c).createdSince(Instant.parse("2026-12-01T00:00:00Z")).size()));
		// single digits: a number cut short within its digits reads as a smaller number
		// (a cut connection is caught by OkHttp against Content-Length; a proxy that
		// re-frames a cut body is not, and a count is progress or an audit reading only)
		DRIVERS.put(Route.COUNT_GROUPS, new Driver("200 9", c -> new GroupDirectory(c).countUnifiedGroups()));
		DRIVERS.put(Route.MEMBER_COUNT, new Driver("200 7", c -> new GroupDirectory(c).memberCount(GROUP_ID)));
		DRIVERS.put(Route.BATCH_READ,
				new Driver("200 {\"responses\":[{\"id\":\"1\",\"status\":200,\"body\":" + GROUP + "}]}", c -> {
					try (GroupBatchReader reader = new GroupBatchReader(c)) {
						return reader.read(List.of(GROUP_ID)).get(GROUP_ID).map(g -> g.displayName());
					}
				}));
		DRIVERS.put(Route.BATCH_WRITE, new Driver("200 {\"responses\":[{\"id\":\"1\",\"status\":204}]}", c -> {
			ConcurrentLinkedQueue<PatchOutcome> outcomes = new ConcurrentLinkedQueue<>();
			try (GroupBatchUpdater updater = new GroupBatchUpdater(c, Duration.ofSeconds(30),
					new SimpleMeterRegistry())) {
				updater.apply(List.of(new GroupPatch(GROUP_ID, new Writeback(false, null))), outcomes::addAll);
			}
			return outcomes.stream().map(PatchOutcome::status).toList();
		}));
		DRIVERS.put(Route.READ_ORGANIZATION,
				new Driver("200 {\"value\":[{\"id\":\"" + TENANT_ID + "\"}]}", c -> c.tokenTenant().value()));
		DRIVERS.put(Route.READ_SETTINGS,
				new Driver("200 {\"value\":[]}", c -> new DirectorySettings(c).groupUnified()));
		DRIVERS.put(Route.READ_SETTING_TEMPLATE,
				new Driver("200 {\"id\":\"" + GroupUnifiedSetting.TEMPLATE_ID
						+ "\",\"values\":[{\"name\":\"NewUnifiedGroupWritebackDefault\",\"defaultValue\":\"true\"}]}",
						c -> new DirectorySettings(c).templateDefaults()));
		DRIVERS.put(Route.CREATE_SETTING, new Driver(
				"201 {\"id\":\"s1\",\"values\":[{\"name\":\"NewUnifiedGroupWritebackDefault\",\"value\":\"false\"}]}",
				c -> new DirectorySettings(c).create(Map.of("NewUnifiedGroupWritebackDefault", "false")).id()));
		DRIVERS.put(Route.UPDATE_SETTING, new Driver("204 ", c -> {
			new DirectorySettings(c).update("s1", Map.of("NewUnifiedGroupWritebackDefault", "false"));
			return "updated";
		}));
	}

	HttpServer server;

	/** The server's handler threads: a held answer must not hold the next request up. */
	final ExecutorService handlers = Executors.newCachedThreadPool();

	final List<String> authorizations = new CopyOnWriteArrayList<>();

	final List<String> claimsAsked = new CopyOnWriteArrayList<>();

	/** How long a silent first answer is held: far past the batch call timeout. */
	static final Duration SILENCE = Duration.ofSeconds(10);

	/** The first request is never answered in time. */
	volatile boolean silentFirstAnswer;

	@AfterEach
	void stop() {
		if (server != null) {
			server.stop(0);
			handlers.shutdownNow();
		}
	}

	static Stream<Arguments> rows() {
		return Stream.of(Route.values())
			.flatMap(route -> Stream.of(BadAnswer.values()).map(answer -> Arguments.of(route, answer)));
	}

	@Test
	void everyRouteHasADriver() {
		assertThat(DRIVERS.keySet()).as("add a driver for each new route").containsExactlyInAnyOrder(Route.values());
	}

	@ParameterizedTest(name = "{0} answered {1}")
	@MethodSource("rows")
	void everyRouteJudgesEveryBadAnswerTheSameWay(Route route, BadAnswer bad) throws Exception {
		Driver driver = DRIVERS.get(route);
		GraphConnection connection = serve(route, bad, driver, renewingCredential());
		Object expected = goodResult(route, driver);
		if (bad == BadAnswer.DENIED_403) {
			assertThatThrownBy(() -> driver.call().apply(connection))
				.isInstanceOfSatisfying(GraphAccessException.class,
						e -> assertThat(e.failureKind()).isEqualTo(FailureKind.PERMISSION))
				.hasMessageContaining(route.permission());
			assertThat(authorizations).hasSize(1);
			return;
		}
		if (bad == BadAnswer.CLAIMS_401) {
			assertThat(driver.call().apply(connection)).isEqualTo(expected);
			assertThat(claimsAsked).as("the claims challenge reached the credential").containsExactly(CLAIMS_JSON);
			assertThat(authorizations).containsExactly("Bearer first", "Bearer renewed");
			return;
		}
		if (route == Route.UPDATE_SETTING && (bad == BadAnswer.EMPTY_200 || bad == BadAnswer.TRUNCATED_200)) {
			// a PATCH is confirmed by its 2xx: Graph answers 204 without a body, so there
			// is
			// nothing to cut short
			assertThat(driver.call().apply(connection)).isEqualTo(expected);
			assertThat(authorizations).hasSize(1);
			return;
		}
		if (route == Route.COUNT_GROUPS) {
			// progress only: one attempt, and no count rather than a stopped run
			assertThat(driver.call().apply(connection)).isEqualTo(OptionalLong.empty());
			assertThat(authorizations).hasSize(1);
			return;
		}
		if (route == Route.CREATE_SETTING) {
			// never sent twice (a second object would be a conflict): resumable, exit 3
			assertThatThrownBy(() -> driver.call().apply(connection))
				.isInstanceOfSatisfying(GraphAccessException.class,
						e -> assertThat(e.failureKind()).isEqualTo(FailureKind.TRANSIENT))
				.hasMessageContaining(route.doing());
			assertThat(authorizations).hasSize(1);
			return;
		}
		assertThat(driver.call().apply(connection)).as("confirmed after sending it again").isEqualTo(expected);
		assertThat(authorizations).hasSize(2);
	}

	/**
	 * A {@code $batch} that Graph never answers ends at the configured call timeout, on
	 * every batched route (re-reads by id used a fixed 30 s of their own), and is sent
	 * again.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("batchedRoutes")
	void everyBatchedRouteEndsASilentCallAtTheConfiguredCallTimeout(Route route) throws Exception {
		Driver driver = DRIVERS.get(route);
		silentFirstAnswer = true;
		GraphConnection connection = serve(route, BadAnswer.THROTTLED, driver, renewingCredential());
		long start = System.nanoTime();

		assertThat(driver.call().apply(connection)).as("confirmed after sending it again")
			.isEqualTo(goodResult(route, driver));

		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited for the silent call")
			.isBetween(BATCH_CALL_TIMEOUT, BATCH_CALL_TIMEOUT.plus(SILENCE).dividedBy(2));
		assertThat(authorizations).hasSize(2);
	}

	static Stream<Route> batchedRoutes() {
		return Stream.of(Route.values()).filter(Route::batched);
	}

	@Test
	void aCredentialThatHandsBackTheSameTokenStopsTheRunForAPersonAndClaimsNoRenewal() throws Exception {
		Driver driver = DRIVERS.get(Route.LIST_GROUPS);
		TokenCredential cached = context -> {
			claimsAsked.add(String.valueOf(context.getClaims()));
			return Mono.just(new AccessToken("first", OffsetDateTime.now().plusHours(1)));
		};
		GraphConnection connection = serve(Route.LIST_GROUPS, BadAnswer.CLAIMS_401, driver, cached);
		assertThatThrownBy(() -> driver.call().apply(connection))
			.isInstanceOfSatisfying(GraphAccessException.class,
					e -> assertThat(e.failureKind().exitCode()).isEqualTo(FailureKind.INVALID_INPUT.exitCode()))
			.hasMessageContaining("handed back the same token")
			.hasMessageContaining("with a claims challenge")
			.hasMessageNotContaining("first");
		assertThat(claimsAsked).last().isEqualTo(CLAIMS_JSON);
		assertThat(authorizations).containsExactly("Bearer first");
	}

	private TokenCredential renewingCredential() {
		return context -> {
			String claims = context.getClaims();
			if (claims != null) {
				claimsAsked.add(claims);
			}
			return Mono.just(new AccessToken(claims == null ? "first" : "renewed", OffsetDateTime.now().plusHours(1)));
		};
	}

	private static Object goodResult(Route route, Driver driver) {
		return switch (route) {
			case LIST_GROUPS, NEXT_PAGE, CREATED_SINCE -> 1;
			case COUNT_GROUPS -> OptionalLong.of(9);
			case MEMBER_COUNT -> OptionalLong.of(7);
			case BATCH_READ -> Optional.of("Sales");
			case BATCH_WRITE -> List.of(Outcome.UPDATED);
			case READ_ORGANIZATION -> TENANT_ID;
			case READ_SETTINGS -> Optional.empty();
			case READ_SETTING_TEMPLATE -> Map.of("NewUnifiedGroupWritebackDefault", "true");
			case CREATE_SETTING -> "s1";
			case UPDATE_SETTING -> "updated";
		};
	}

	/**
	 * Serves /beta: the first request gets the bad answer, later ones the good one (a 401
	 * row answers 401 again unless the request carries the renewed token).
	 */
	private GraphConnection serve(Route route, BadAnswer bad, Driver driver, TokenCredential credential)
			throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/beta", exchange -> {
			String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
			authorizations.add(authorization);
			exchange.getRequestBody().readAllBytes();
			if (authorizations.size() == 1 && silentFirstAnswer) {
				hold();
			}
			else if (authorizations.size() == 1
					|| (bad == BadAnswer.CLAIMS_401 && !authorization.endsWith("renewed"))) {
				bad.send(exchange, route, driver.goodBody());
			}
			else {
				answer(exchange, driver.goodStatus(), "application/json", driver.goodBody(), Map.of());
			}
		});
		server.setExecutor(handlers);
		server.start();
		GraphProperties properties = new GraphProperties("http://127.0.0.1:" + server.getAddress().getPort() + "/beta",
				null, null, "Low", 999, 2, 0, 3, Duration.ofMillis(50)); // caps the
																			// backoff
																			// too: fast
																			// rows
		return new GraphConnection(properties, new GraphCallProperties(Duration.ofSeconds(30), Duration.ofSeconds(5)),
				new BatchWriteProperties(BATCH_CALL_TIMEOUT, Duration.ofMinutes(1)), credential,
				new SimpleMeterRegistry());
	}

	private static void hold() {
		try {
			Thread.sleep(SILENCE.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	static void answer(HttpExchange exchange, int status, String type, String body, Map<String, String> headers)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		headers.forEach(exchange.getResponseHeaders()::set);
		exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}

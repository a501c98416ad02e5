package io.writebackbatch.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.writebackbatch.domain.GroupSnapshot;
import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import io.writebackbatch.simulator.Unkindness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The incremental "created since" listing through the gateway, the concrete
 * cases: one 500 page, an expired skip token, a refused createdDateTime filter. The
 * answers come from a tiny HTTP server (Graph's 400 Directory_ExpiredPageToken and 400 on
 * an unsupported filter are Graph's documented error shapes).
 */
class CreatedSinceListingTests {

	private static final String FIRST = "0a1b2c3d-0000-4000-8000-000000000001";

	private static final String SECOND = "0a1b2c3d-0000-4000-8000-000000000002";

	HttpServer server;

	final List<String> requests = new CopyOnWriteArrayList<>();

	@AfterEach
	void stop() {
		if (server != null) {
			server.stop(0);
		}
	}

	@Test
	void aFiveHundredPageIsSentAgainAndAnExpiredSkipTokenListsAgainFromTheStart() throws IOException {
		List<String> script = new CopyOnWriteArrayList<>(List.of("page1", "500", "expired", "page1", "page2"));
		GraphConnection connection = serve(exchange -> {
			String step = script.remove(0);
			String next = "http://127.0.0.1:" + server.getAddress().getPort() + "/beta/groups?$skiptoken=t2";
			switch (step) {
				case "page1" ->
					answer(exchange, 200, "{\"value\":[" + group(FIRST) + "],\"@odata.nextLink\":\"" + next + "\"}");
				case "500" -> answer(exchange, 500, "{\"error\": null}");
				case "expired" -> answer(exchange, 400, "{\"error\":{\"code\":\"Directory_ExpiredPageToken\","
						+ "\"message\":\"The specified page token value has expired and can no longer be included in "
						+ "your request.\"}}");
				default -> answer(exchange, 200, "{\"value\":[" + group(SECOND) + "]}");
			}
		});

		List<GroupSnapshot> listed = new CreatedSinceListing(connection)
			.createdSince(Instant.parse("2026-12-01T00:00:00Z"));

		assertThat(listed).extracting(GroupSnapshot::id).containsExactly(FIRST, SECOND);
		assertThat(script).isEmpty();
		assertThat(requests.get(0)).contains("createdDateTime").contains("ConsistencyLevel=eventual");
		assertThat(requests.get(1)).contains("skiptoken").contains("ConsistencyLevel=eventual");
	}

	@Test
	void aRefusedCreatedDateTimeFilterIsATypedAnswerTheInventoryCanActOn() throws IOException {
		GraphConnection connection = serve(exchange -> answer(exchange, 400,
				"{\"error\":{\"code\":\"Request_UnsupportedQuery\",\"message\":\"Unsupported or invalid query filter "
						+ "clause specified for property 'createdDateTime' of resource 'Group'.\"}}"));

		assertThatThrownBy(
				() -> new CreatedSinceListing(connection).createdSince(Instant.parse("2026-12-01T00:00:00Z")))
			.isInstanceOfSatisfying(CreatedSinceListing.CreatedFilterRefusedException.class,
					e -> assertThat(e.failureKind()).isEqualTo(FailureKind.INVALID_INPUT))
			.hasMessageContaining("Request_UnsupportedQuery")
			.hasMessageContaining("createdDateTime filter");
		assertThat(requests).hasSize(1);
	}

	/**
	 * The simulator's mode that refuses the filter: the typed answer, and the listing of
	 * every unified group the incremental inventory falls back to.
	 */
	@Test
	void againstTheSimulatorARefusedFilterFallsBackToEveryUnifiedGroup() throws IOException {
		try (GraphSimulator sim = GraphSimulator
			.start(SimulatorConfig.builder().port(0).token("t").seed(3).unifiedGroups(30).build())) {
			Unkindness.CREATED_SINCE_REFUSED.select(sim);
			GraphProperties properties = new GraphProperties(sim.baseUrl(), "t", null, "Low", 999, 2, 0, 3,
					Duration.ofMillis(50));
			CreatedSinceListing listing = new CreatedSinceListing(
					new GraphConnection(properties, new SimpleMeterRegistry()));

			assertThatThrownBy(() -> listing.createdSince(Instant.parse("2026-12-01T00:00:00Z")))
				.isInstanceOf(CreatedSinceListing.CreatedFilterRefusedException.class);
			assertThat(listing.everyUnifiedGroup()).hasSize(sim.tenant().unifiedGroups().size());
		}
	}

	interface Handler {

		void handle(HttpExchange exchange) throws IOException;

	}

	private GraphConnection serve(Handler handler) throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/beta", exchange -> {
			requests.add(exchange.getRequestURI() + " ConsistencyLevel="
					+ exchange.getRequestHeaders().getFirst("ConsistencyLevel"));
			handler.handle(exchange);
		});
		server.start();
		GraphProperties properties = new GraphProperties("http://127.0.0.1:" + server.getAddress().getPort() + "/beta",
				null, null, "Low", 999, 2, 0, 3, Duration.ofSeconds(1));
		TokenCredential credential = context -> Mono.just(new AccessToken("token", OffsetDateTime.now().plusHours(1)));
		return new GraphConnection(properties, new GraphCallProperties(Duration.ofSeconds(30), Duration.ofSeconds(5)),
				BatchWriteProperties.DEFAULTS, credential, new SimpleMeterRegistry());
	}

	private static String group(String id) {
		// as Graph answers a group never configured for writeback: the selected property
		// with null fields
		return "{\"id\":\"" + id + "\",\"displayName\":\"g\",\"createdDateTime\":\"2026-12-02T00:00:00Z\","
				+ "\"writebackConfiguration\":{\"isEnabled\":null,\"onPremisesGroupType\":null}}";
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		GatewayAnswersTests.answer(exchange, status, "application/json", body, Map.of());
	}

}

package io.writebackbatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The tenant a token belongs to, as the simulator tells it: {@code GET /organization}
 * (only with Organization.Read.All, as Graph) and, when asked for, JWT-shaped tokens
 * whose {@code tid} and {@code roles} claims say the tenant and the granted permissions.
 */
class OrganizationContractTests {

	static final String TENANT = "0c9a7e51-3f2d-4b6a-8e1c-5d4f3a2b1c0e";

	final HttpClient http = HttpClient.newHttpClient();

	HttpResponse<String> get(GraphSimulator sim, String path, String token) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
			.header("Authorization", "Bearer " + token)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void organizationNamesTheTenantOfTheToken() throws Exception {
		try (GraphSimulator sim = GraphSimulator
			.start(SimulatorConfig.builder().port(0).token("t").tenantId(TENANT).unifiedGroups(3).build())) {
			HttpResponse<String> answer = get(sim, "/organization?$select=id", "t");
			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(Json.MAPPER.readTree(answer.body()).at("/value/0/id").asString()).isEqualTo(TENANT);
			assertThat(sim.tenantId()).isEqualTo(TENANT);
			assertThat(get(sim, "/organization", "someone-else").statusCode()).isEqualTo(401);
		}
	}

	@Test
	void jwtTokensCarryTheTenantAndTheGrantedRoles() throws Exception {
		try (GraphSimulator sim = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token("main")
			.readOnlyToken("reader")
			.tenantId(TENANT)
			.jwtTokens(true)
			.unifiedGroups(3)
			.build())) {
			JsonNode claims = claims(sim.token());
			assertThat(claims.get("tid").asString()).isEqualTo(TENANT);
			assertThat(claims.get("jti").asString()).isEqualTo("main");
			assertThat(claims.get("roles").values()).extracting(JsonNode::asString)
				.containsExactly("Group.Read.All", "Group.ReadWrite.All", "Organization.Read.All");
			assertThat(get(sim, "/groups?$top=1", sim.token()).statusCode()).isEqualTo(200);
			assertThat(get(sim, "/groups?$top=1", "main").statusCode()).as("only the issued JWT is accepted")
				.isEqualTo(401);
		}
	}

	@Test
	void aTokenWithoutOrganizationReadIsDeniedAsGraphDeniesIt() {
		Organization organization = new Organization(TENANT, new Permissions(SimulatorConfig.builder().build()),
				new ErrorAnswers(new Counters()));
		GraphResponse denied = organization.get(new GraphRequest("GET", "/organization", Map.of(),
				Map.of("authorization", "Bearer not-granted"), new byte[0], "r", "c", "http://127.0.0.1"));
		assertThat(denied.status()).isEqualTo(403);
	}

	static JsonNode claims(String jwt) {
		String[] parts = jwt.split("\\.");
		assertThat(parts).hasSize(3);
		return Json.MAPPER.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
	}

}

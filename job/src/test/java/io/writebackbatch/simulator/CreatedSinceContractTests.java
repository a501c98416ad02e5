package io.writebackbatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.microsoft.graph.beta.models.Group;
import com.microsoft.graph.beta.models.GroupCollectionResponse;
import com.microsoft.graph.beta.models.odataerrors.ODataError;
import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The createdDateTime filter the incremental inventory uses, pinned through the real
 * Graph SDK: it is one of Graph's advanced queries, so without {@code $count=true} and
 * {@code ConsistencyLevel: eventual} it is refused.
 */
class CreatedSinceContractTests {

	@RegisterExtension
	static SimulatorExtension sim = new SimulatorExtension(b -> b.unifiedGroups(50).nonUnifiedGroups(5));

	@Test
	void listsOnlyUnifiedGroupsCreatedSinceTheInstantAsAnAdvancedQuery() {
		Instant since = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		String created = sim.simulator().tenant().createUnifiedGroup("Created Just Now").id();

		GroupCollectionResponse page = client().groups().get(config -> {
			config.queryParameters.filter = filter(since);
			config.queryParameters.select = new String[] { "id", "createdDateTime" };
			config.queryParameters.count = true;
			config.headers.add("ConsistencyLevel", "eventual");
		});

		assertThat(page.getValue()).extracting(Group::getId).containsExactly(created);
		assertThat(page.getOdataCount()).isEqualTo(1L);
		assertThatThrownBy(() -> client().groups().get(config -> config.queryParameters.filter = filter(since)))
			.isInstanceOf(ApiException.class)
			.satisfies(e -> assertThat(((ApiException) e).getResponseStatusCode()).isEqualTo(400));
	}

	@Test
	void aModeRefusesTheFilterHoweverItIsAskedAsGraphsCurrentMetadataAllows() throws Exception {
		sim.simulator().modes(GraphModes.defaults().createdSinceRefused(true));
		Instant since = Instant.now().minus(1, ChronoUnit.DAYS);
		assertThatThrownBy(() -> client().groups().get(config -> {
			config.queryParameters.filter = filter(since);
			config.queryParameters.count = true;
			config.headers.add("ConsistencyLevel", "eventual");
		})).isInstanceOfSatisfying(ODataError.class, e -> {
			assertThat(e.getResponseStatusCode()).isEqualTo(400);
			assertThat(e.getError().getCode()).isEqualTo("Request_UnsupportedQuery");
			assertThat(e.getError().getMessage()).contains("'createdDateTime'");
		});
		assertThat(client().groups()
			.get(config -> config.queryParameters.filter = "groupTypes/any(c:c eq 'Unified')")
			.getValue()).as("the unified listing is still served").isNotEmpty();
		RawGraph raw = new RawGraph(sim.port(), "test-token");
		assertThat(raw.faults("{\"createdSinceRefused\":false}").body()).contains("\"createdSinceRefused\":false");
		assertThat(sim.simulator().modes().createdSinceRefused()).isFalse();
	}

	private static String filter(Instant since) {
		return "groupTypes/any(c:c eq 'Unified') and createdDateTime ge " + since;
	}

	private GraphServiceClient client() {
		return SdkClients.client(sim.baseUrl(), "test-token");
	}

}

package io.writebackbatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.microsoft.graph.beta.models.Group;
import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import com.microsoft.graph.core.content.BatchRequestContent;
import com.microsoft.graph.core.content.BatchResponseContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A group answer can leave out the {@code writebackConfiguration} the request selected
 * ({@link FaultConfig#omittedWritebackRate()}; Graph's docs are silent on it, so a proxy
 * or a partial answer can): on the listing, the created-since listing, {@code GET
 * /groups/{id}} and {@code $batch} GET steps, read through the Graph SDK. Without the
 * fault Graph returns it always, with null fields for a group never configured.
 */
class OmittedWritebackContractTests {

	private static final String[] SELECT = { "id", "displayName", "writebackConfiguration" };

	@RegisterExtension
	static SimulatorExtension sim = new SimulatorExtension(b -> b.unifiedGroups(30).nonUnifiedGroups(3));

	@Test
	void atRateOneEveryRouteLeavesTheSelectedWritebackConfigurationOut() throws Exception {
		Instant since = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		String created = sim.tenant().createUnifiedGroup("Created Just Now").id();
		String id = sim.tenant().unifiedGroups().get(3).id();
		sim.tenant().setWriteback(id, true, "universalDistributionGroup");
		sim.faults(FaultConfig.none().omittedWritebackRate(1));

		for (Group group : answers(client(), id, created, since)) {
			assertThat(group.getId()).as("the rest of the answer stays").isNotNull();
			assertThat(group.getDisplayName()).isNotNull();
			assertThat(group.getWritebackConfiguration()).as("left out although selected").isNull();
		}
		assertThat(sim.tenant().group(id).orElseThrow().writebackEnabled()).as("stored state untouched").isTrue();
	}

	@Test
	void withoutTheFaultEveryRouteAnswersItEvenForAGroupNeverConfigured() throws Exception {
		Instant since = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		String created = sim.tenant().createUnifiedGroup("Never Configured").id();
		List<Group> answers = answers(client(), created, created, since);
		assertThat(answers).hasSize(4)
			.allSatisfy(group -> assertThat(group.getWritebackConfiguration()).as(group.getId()).isNotNull());
		assertThat(answers.get(0).getWritebackConfiguration().getIsEnabled()).as("null fields").isNull();
	}

	@Test
	void theRateIsPerGroupObjectAndSelectableLive() throws Exception {
		RawGraph raw = new RawGraph(sim.port(), "test-token");
		assertThat(raw.faults("{\"omittedWritebackRate\":0.5}").body()).contains("\"omittedWritebackRate\":0.5");
		List<Group> listed = client().groups().get(rc -> {
			rc.queryParameters.filter = "groupTypes/any(c:c eq 'Unified')";
			rc.queryParameters.select = SELECT;
			rc.queryParameters.top = 999;
		}).getValue();
		assertThat(listed).hasSizeGreaterThanOrEqualTo(30)
			.anySatisfy(group -> assertThat(group.getWritebackConfiguration()).isNull())
			.anySatisfy(group -> assertThat(group.getWritebackConfiguration()).isNotNull());
		assertThat(raw.faults("{\"omittedWritebackRate\":1.5}").statusCode()).isEqualTo(400);
		assertThat(sim.simulator().faults().omittedWritebackRate()).isEqualTo(0.5);
	}

	/**
	 * Group {@code id} by GET and by a $batch GET step, and as listed; group
	 * {@code created} as the created-since listing shows it.
	 */
	private static List<Group> answers(GraphServiceClient g, String id, String created, Instant since)
			throws Exception {
		Group get = g.groups().byGroupId(id).get(rc -> rc.queryParameters.select = SELECT);
		Group listed = g.groups().get(rc -> {
			rc.queryParameters.filter = "groupTypes/any(c:c eq 'Unified')";
			rc.queryParameters.select = SELECT;
			rc.queryParameters.top = 999;
		}).getValue().stream().filter(x -> x.getId().equals(id)).findFirst().orElseThrow();
		Group createdSince = g.groups().get(rc -> {
			rc.queryParameters.filter = "groupTypes/any(c:c eq 'Unified') and createdDateTime ge " + since;
			rc.queryParameters.select = SELECT;
			rc.queryParameters.count = true;
			rc.headers.add("ConsistencyLevel", "eventual");
		}).getValue().stream().filter(x -> x.getId().equals(created)).findFirst().orElseThrow();
		BatchRequestContent batch = new BatchRequestContent(g);
		String step = batch.addBatchRequestStep(
				g.groups().byGroupId(id).toGetRequestInformation(rc -> rc.queryParameters.select = SELECT));
		BatchResponseContent answer = g.getBatchRequestBuilder().post(batch, null);
		Group stepped = answer.getResponseById(step, Group::createFromDiscriminatorValue);
		return List.of(get, listed, createdSince, stepped);
	}

	private static GraphServiceClient client() {
		return SdkClients.client(sim.baseUrl(), "test-token");
	}

}

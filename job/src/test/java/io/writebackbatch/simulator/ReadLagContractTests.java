package io.writebackbatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.microsoft.graph.beta.models.Group;
import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import com.microsoft.graph.core.content.BatchRequestContent;
import com.microsoft.graph.core.content.BatchResponseContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Plain reads lag writes ({@link GraphModes#readLag()}; Graph: "some requests might have
 * replication delays for objects that were recently created, updated, or deleted"): a
 * GET, a listing or a {@code $batch} GET right after a PATCH returns the old value.
 */
class ReadLagContractTests {

	@RegisterExtension
	static SimulatorExtension sim = new SimulatorExtension(b -> b.unifiedGroups(30));

	@Test
	void aReadRightAfterAWriteSeesTheOldValueUntilTheLagHasPassed() throws Exception {
		sim.modes(GraphModes.defaults().readLag(Duration.ofMillis(1500)));
		GroupView group = sim.tenant().unifiedGroups().get(3);
		sim.tenant().setWriteback(group.id(), true, "universalDistributionGroup");
		GraphServiceClient g = SdkClients.client(sim.baseUrl(), "test-token");
		long patched = System.nanoTime();
		g.groups().byGroupId(group.id()).patch(SdkClients.writebackDisabled());

		assertThat(sim.tenant().group(group.id()).orElseThrow().writebackEnabled()).as("stored").isFalse();
		assertThat(get(g, group.id()).getWritebackConfiguration().getIsEnabled()).as("GET").isTrue();
		assertThat(listed(g, group.id()).getWritebackConfiguration().getIsEnabled()).as("listing").isTrue();
		BatchRequestContent batch = new BatchRequestContent(g);
		String step = batch.addBatchRequestStep(g.groups()
			.byGroupId(group.id())
			.toGetRequestInformation(
					rc -> rc.queryParameters.select = new String[] { "id", "writebackConfiguration" }));
		BatchResponseContent answer = g.getBatchRequestBuilder().post(batch, null);
		assertThat(answer.getResponseById(step, Group::createFromDiscriminatorValue)
			.getWritebackConfiguration()
			.getIsEnabled()).as("$batch GET").isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - patched)).as("all read within the lag")
			.isLessThan(Duration.ofMillis(1500));

		Thread.sleep(1600);
		assertThat(get(g, group.id()).getWritebackConfiguration().getIsEnabled()).isFalse();
		assertThat(listed(g, group.id()).getWritebackConfiguration().getIsEnabled()).isFalse();
	}

	@Test
	void withoutTheLagAReadSeesTheWrite() throws Exception {
		GroupView group = sim.tenant().unifiedGroups().get(4);
		sim.tenant().setWriteback(group.id(), true, null);
		GraphServiceClient g = SdkClients.client(sim.baseUrl(), "test-token");
		g.groups().byGroupId(group.id()).patch(SdkClients.writebackDisabled());
		assertThat(get(g, group.id()).getWritebackConfiguration().getIsEnabled()).isFalse();
		RawGraph raw = new RawGraph(sim.port(), "test-token");
		assertThat(raw.faults("{\"readLagMs\":250}").body()).contains("\"readLagMs\":250");
		assertThat(raw.faults("{\"readLagMs\":-1}").statusCode()).isEqualTo(400);
	}

	private static Group get(GraphServiceClient g, String id) {
		return g.groups()
			.byGroupId(id)
			.get(rc -> rc.queryParameters.select = new String[] { "id", "writebackConfiguration" });
	}

	private static Group listed(GraphServiceClient g, String id) {
		return g.groups().get(rc -> {
			rc.queryParameters.filter = "groupTypes/any(c:c eq 'Unified')";
			rc.queryParameters.select = new String[] { "id", "writebackConfiguration" };
			rc.queryParameters.top = 999;
		}).getValue().stream().filter(x -> x.getId().equals(id)).findFirst().orElseThrow();
	}

}

package io.writebackbatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import com.microsoft.graph.core.content.BatchRequestContent;
import com.microsoft.graph.core.content.BatchResponseContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A batch some of whose steps were throttled answers 424 as a whole, with each step's
 * answer (the 429s with their Retry-After) in its body: Graph's throttling page,
 * "Throttling and batching" ({@link GraphModes.ThrottledBatch}).
 */
class ThrottledBatchContractTests {

	/**
	 * Five writes, then one more every 1,000 s: a batch of 20 writes is mostly throttled.
	 */
	static final ThrottleConfig FIVE_WRITES = ThrottleConfig.graphLargeTenant()
		.writes(5)
		.writeWindow(Duration.ofSeconds(5_000));

	@RegisterExtension
	static SimulatorExtension sim = new SimulatorExtension(b -> b.unifiedGroups(60).throttling(FIVE_WRITES));

	@Test
	void throttledStepsMakeTheEnvelope424WithEveryStepsAnswerInItsBody() throws Exception {
		sim.modes(GraphModes.defaults().throttledBatch(GraphModes.ThrottledBatch.FAILED_DEPENDENCY_424));
		HttpResponse<String> envelope = raw().send("POST", "/beta/$batch", RawGraph.batchOf(ids(0, 20), true));
		assertThat(envelope.statusCode()).isEqualTo(424);
		JsonNode steps = RawGraph.json(envelope).get("responses");
		assertThat(steps).hasSize(20);
		Map<Integer, Integer> byStatus = new HashMap<>();
		steps.forEach(step -> byStatus.merge(step.get("status").asInt(), 1, Integer::sum));
		assertThat(byStatus).containsOnlyKeys(204, 429).containsEntry(204, 5).containsEntry(429, 15);
		assertThat(steps).filteredOn(step -> step.get("status").asInt() == 429).allSatisfy(step -> {
			assertThat(Double.parseDouble(step.at("/headers/Retry-After").asString())).isPositive();
			assertThat(step.at("/body/error/code").asString()).isEqualTo("TooManyRequests");
		});
		assertThat(sim.audit()).as("the steps that were not throttled were carried out").hasSize(5);
	}

	@Test
	void theSdkReadsTheStepsOfA424EnvelopeWithoutAnException() throws Exception {
		sim.modes(GraphModes.defaults().throttledBatch(GraphModes.ThrottledBatch.FAILED_DEPENDENCY_424));
		GraphServiceClient g = SdkClients.client(sim.baseUrl(), "test-token");
		BatchRequestContent batch = new BatchRequestContent(g);
		for (String id : ids(20, 30)) {
			batch.addBatchRequestStep(
					g.groups().byGroupId(id).toPatchRequestInformation(SdkClients.writebackDisabled()));
		}
		BatchResponseContent answer = g.getBatchRequestBuilder().post(batch, null);
		assertThat(answer.getResponsesStatusCode().values()).containsOnly(204, 429).contains(429);
		assertThat(answer.getResponsesStatusCode().values()).filteredOn(s -> s == 204).hasSize(5);
	}

	@Test
	void the200ReadingOfTheBatchingPageAndBatchesWithoutThrottledStepsStay200() throws Exception {
		sim.modes(GraphModes.defaults().throttledBatch(GraphModes.ThrottledBatch.FAILED_DEPENDENCY_424));
		assertThat(raw().send("POST", "/beta/$batch", RawGraph.batchOf(ids(30, 50), false)).statusCode())
			.as("reads are not write-throttled")
			.isEqualTo(200);
		sim.modes(GraphModes.defaults().throttledBatch(GraphModes.ThrottledBatch.OK_200));
		HttpResponse<String> envelope = raw().send("POST", "/beta/$batch", RawGraph.batchOf(ids(30, 50), true));
		assertThat(envelope.statusCode()).isEqualTo(200);
		assertThat(RawGraph.json(envelope).get("responses"))
			.anySatisfy(s -> assertThat(s.get("status").asInt()).isEqualTo(429));
	}

	@Test
	void theUnkindReadingIsTheDefault() throws Exception {
		sim.modes(GraphModes.defaults());
		assertThat(raw().send("POST", "/beta/$batch", RawGraph.batchOf(ids(50, 60), true)).statusCode())
			.as("a batch with throttled steps, nothing selected")
			.isEqualTo(424);
	}

	@Test
	void selectedLiveThroughTheAdminApi() throws Exception {
		assertThat(raw().faults("{\"throttledBatch\":\"424\"}").body()).contains("\"throttledBatch\":424");
		assertThat(sim.simulator().modes().throttledBatch()).isEqualTo(GraphModes.ThrottledBatch.FAILED_DEPENDENCY_424);
		assertThat(raw().faults("{\"throttledBatch\":\"207\"}").statusCode()).isEqualTo(400);
	}

	private RawGraph raw() {
		return new RawGraph(sim.port(), "test-token");
	}

	private static List<String> ids(int from, int to) {
		return sim.tenant().unifiedGroups().subList(from, to).stream().map(GroupView::id).toList();
	}

}

package io.writebackbatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import com.microsoft.graph.core.content.BatchRequestContent;
import com.microsoft.graph.core.content.BatchResponseContent;

import tools.jackson.databind.JsonNode;

/**
 * How {@code $batch} answers go wrong ({@link BatchFaults}), pinned through the real SDK
 * and raw HTTP.
 */
class BatchAnswerContractTests {

	@RegisterExtension
	static SimulatorExtension sim = new SimulatorExtension(b -> b.unifiedGroups(300));

	final HttpClient http = HttpClient.newHttpClient();

	GraphServiceClient graph() {
		return SdkClients.client(sim.baseUrl(), "test-token");
	}

	@Test
	void anEnvelopeRefusedAsAWholeRaisesNothingInTheSdkAndCarriesNoStep() throws Exception {
		for (int status : new int[] { 401, 403, 429, 503 }) {
			sim.batchFaults(BatchFaults.none().envelope(1, status, status >= 429 ? "86400" : null));
			String id = group(status % 100).id();
			if (status < 429) { // the SDK's RetryHandler would sleep on a 429/503
								// envelope's Retry-After
				GraphServiceClient g = graph();
				BatchRequestContent batch = new BatchRequestContent(g);
				batch.addBatchRequestStep(
						g.groups().byGroupId(id).toPatchRequestInformation(SdkClients.writebackDisabled()));
				BatchResponseContent answer = g.getBatchRequestBuilder().post(batch, null);
				assertThat(answer.getResponsesStatusCode()).as("status %d", status).isEmpty();
			}
			HttpResponse<String> raw = post(batchOf(List.of(id)));
			assertThat(raw.statusCode()).isEqualTo(status);
			assertThat(json(raw).at("/error/code").asString()).isNotEmpty();
			assertThat(raw.headers().firstValue("Retry-After"))
				.isEqualTo(status >= 429 ? java.util.Optional.of("86400") : java.util.Optional.empty());
		}
		assertThat(sim.audit()).as("nothing carried out").isEmpty();
	}

	@Test
	void stepsWithNullErrorOrMalformedAnswersAreCarriedOutAndAnsweredBadly() throws Exception {
		sim.batchFaults(BatchFaults.none().nullErrorRate(1));
		JsonNode nullError = json(post(batchOf(ids(0, 5)))).get("responses");
		assertThat(nullError).hasSize(5).allSatisfy(step -> {
			assertThat(step.get("status").asInt()).isEqualTo(500);
			assertThat(step.at("/body/error").isNull()).isTrue();
		});
		sim.batchFaults(BatchFaults.none().malformedStepRate(1));
		JsonNode malformed = json(post(batchOf(ids(5, 20)))).get("responses");
		assertThat(malformed).hasSize(15)
			.allSatisfy(step -> assertThat(
					!step.has("status") || !step.get("status").isNumber() || step.get("body").isString())
				.isTrue());
		assertThat(sim.audit()).hasSize(20);
	}

	@Test
	void stepsGoMissingDuplicatedOrAStrangerAppears() throws Exception {
		sim.batchFaults(BatchFaults.none().missingStepRate(1));
		List<String> sent = ids(20, 30);
		GraphServiceClient g = graph();
		BatchRequestContent batch = new BatchRequestContent(g);
		List<String> steps = new ArrayList<>();
		for (String id : sent) {
			steps.add(batch.addBatchRequestStep(
					g.groups().byGroupId(id).toPatchRequestInformation(SdkClients.writebackDisabled())));
		}
		assertThat(g.getBatchRequestBuilder().post(batch, null).getResponsesStatusCode()).isEmpty();
		assertThat(sim.audit()).as("carried out, answers lost").hasSize(10);

		sim.batchFaults(BatchFaults.none().duplicateStepRate(1).unknownStepRate(1));
		JsonNode answers = json(post(batchOf(ids(30, 35)))).get("responses");
		List<String> answered = new ArrayList<>();
		answers.forEach(a -> answered.add(a.get("id").asString()));
		assertThat(answered).hasSize(11);
		assertThat(new HashSet<>(answered)).hasSize(6).contains("1", "2", "3", "4", "5");
	}

	@Test
	void aBatchThatNeverAnswersHasBeenCarriedOut() throws Exception {
		sim.batchFaults(BatchFaults.none().unansweredRate(1));
		String id = group(40).id();
		HttpRequest request = request(batchOf(List.of(id))).timeout(Duration.ofSeconds(1)).build();
		assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
			.isInstanceOf(java.net.http.HttpTimeoutException.class);
		assertThat(sim.audit()).hasSize(1);
	}

	@Test
	void theGaugeIsOnStepsOnTheEnvelopeOnlyOrNowhere() throws Exception {
		for (BatchFaults.Gauge where : BatchFaults.Gauge.values()) {
			sim.throttling(ThrottleConfig.graphLargeTenant().writes(20));
			sim.batchFaults(BatchFaults.none().gauge(where));
			HttpResponse<String> raw = post(batchOf(ids(50, 69)));
			boolean onSteps = false;
			for (JsonNode step : json(raw).get("responses")) {
				onSteps |= step.at("/headers/x-ms-throttle-limit-percentage").isString();
			}
			assertThat(onSteps).as("%s on steps", where).isEqualTo(where == BatchFaults.Gauge.STEPS);
			assertThat(raw.headers().firstValue("x-ms-throttle-limit-percentage").isPresent())
				.as("%s on envelope", where)
				.isEqualTo(where != BatchFaults.Gauge.NONE);
		}
	}

	/**
	 * What the gauge reads ({@link GaugeReading}), on every step: the share used above
	 * 0.8; Graph's 0.8-1.8 (above 1.0 the share of requests refused); or 0.80-0.99
	 * whatever the bucket holds, empty included.
	 */
	@Test
	void theGaugeReadsTheShareUsedGraphsRangeOrBelowOneWhileEmpty() throws Exception {
		sim.batchFaults(BatchFaults.none().gauge(BatchFaults.Gauge.STEPS));
		sim.throttling(ThrottleConfig.graphLargeTenant().gaugeReading(GaugeReading.BELOW_ONE_WHILE_EMPTY));
		assertThat(stepGauges(batchOf(ids(100, 105)))).as("below one while empty").hasSize(5).allSatisfy(level -> {
			assertThat(level).isBetween(0.8, 0.99);
		});
		sim.throttling(ThrottleConfig.graphLargeTenant().gaugeReading(GaugeReading.USAGE));
		assertThat(stepGauges(batchOf(ids(105, 110)))).as("usage, bucket nearly empty").isEmpty();
		sim.throttling(ThrottleConfig.graphLargeTenant().writes(20).gaugeReading(GaugeReading.USAGE));
		assertThat(stepGauges(batchOf(ids(110, 130)))).as("usage, bucket filling").isNotEmpty().allSatisfy(level -> {
			assertThat(level).isBetween(0.81, 1.0);
		});
		sim.throttling(ThrottleConfig.graphLargeTenant().writes(20).gaugeReading(GaugeReading.GRAPH_RANGE));
		stepGauges(batchOf(ids(130, 150)));
		List<Double> refused = stepGauges(batchOf(ids(150, 170)));
		assertThat(refused).as("Graph's range, bucket full, every step refused").hasSize(20).allSatisfy(level -> {
			assertThat(level).isGreaterThan(1.0).isLessThanOrEqualTo(1.8);
		});
	}

	private List<Double> stepGauges(String batch) throws Exception {
		List<Double> levels = new ArrayList<>();
		for (JsonNode step : json(post(batch)).get("responses")) {
			JsonNode level = step.at("/headers/x-ms-throttle-limit-percentage");
			if (level.isString()) {
				levels.add(Double.parseDouble(level.asString()));
			}
		}
		return levels;
	}

	@Test
	void aOneSecondBucketHolds40WritesAndRefillsAt40PerSecond() throws Exception {
		sim.throttling(ThrottleConfig.oneSecondWriteBucket());
		long start = System.nanoTime();
		int accepted = 0;
		List<Double> retryAfters = new ArrayList<>();
		for (int batch = 0; batch < 10 && retryAfters.isEmpty(); batch++) {
			for (JsonNode step : json(post(batchOf(ids(100 + 20 * batch, 120 + 20 * batch)))).get("responses")) {
				if (step.get("status").asInt() == 429) {
					retryAfters.add(Double.parseDouble(step.at("/headers/Retry-After").asString()));
				}
				else {
					accepted++;
				}
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		assertThat(retryAfters).as("throttled within 10 batches")
			.isNotEmpty()
			.allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(1.0 / 40 + 0.001));
		assertThat((double) accepted).isLessThanOrEqualTo(40 + 40 * seconds);
	}

	@Test
	void adminSetsBatchFaults() throws Exception {
		HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sim.adminUrl() + "/faults"))
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"gauge\":\"envelope\",\"envelopeRate\":0.5,\"envelopeStatus\":429,"
						+ "\"envelopeRetryAfter\":\"Wed, 21 Oct 2037 07:28:00 GMT\",\"missingStepRate\":0.1}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(sim.simulator().batchFaults()).isEqualTo(BatchFaults.none()
			.gauge(BatchFaults.Gauge.ENVELOPE)
			.envelope(0.5, 429, "Wed, 21 Oct 2037 07:28:00 GMT")
			.missingStepRate(0.1));
	}

	private static List<Integer> statuses(JsonNode steps) {
		List<Integer> out = new ArrayList<>();
		steps.forEach(s -> out.add(s.get("status").asInt()));
		return out;
	}

	private static GroupView group(int i) {
		return sim.tenant().unifiedGroups().get(i);
	}

	private static List<String> ids(int from, int to) {
		return sim.tenant().unifiedGroups().subList(from, to).stream().map(GroupView::id).toList();
	}

	private static String batchOf(List<String> ids) {
		StringBuilder body = new StringBuilder("{\"requests\":[");
		for (int i = 0; i < ids.size(); i++) {
			body.append(i > 0 ? "," : "")
				.append("{\"id\":\"")
				.append(i + 1)
				.append("\",\"method\":\"PATCH\",\"url\":\"/groups/")
				.append(ids.get(i))
				.append("\",\"headers\":{\"Content-Type\":\"application/json\"},")
				.append("\"body\":{\"writebackConfiguration\":{\"isEnabled\":false}}}");
		}
		return body.append("]}").toString();
	}

	private HttpRequest.Builder request(String body) {
		return HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/$batch"))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.header("Authorization", "Bearer test-token")
			.header("Content-Type", "application/json");
	}

	private HttpResponse<String> post(String body) throws Exception {
		return http.send(request(body).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode json(HttpResponse<String> r) {
		return Json.MAPPER.readTree(r.body());
	}

}

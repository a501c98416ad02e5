package io.writebackbatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.gson.JsonSyntaxException;
import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import com.microsoft.graph.core.content.BatchRequestContent;
import com.microsoft.graph.core.content.BatchResponseContent;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;

/**
 * A gateway in front of Graph ({@code gatewayErrorRate}): 502/504 with an HTML page on
 * any request.
 */
class GatewayFaultContractTests {

	@RegisterExtension
	static SimulatorExtension sim = new SimulatorExtension(b -> b.unifiedGroups(60).withGroupUnifiedSetting(true));

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void everyKindOfRequestGetsAnHtmlGatewayPage() throws Exception {
		sim.faults(FaultConfig.none().gatewayErrorRate(1));
		String id = sim.tenant().unifiedGroups().get(0).id();
		List<HttpResponse<String>> answers = List.of(send("GET", "/beta/groups?$top=5", null),
				send("GET", "/beta/groups/" + id, null), send("GET", "/beta/settings", null),
				send("PATCH", "/beta/groups/" + id, "{\"writebackConfiguration\":{\"isEnabled\":false}}"),
				send("POST", "/beta/$batch",
						"{\"requests\":[{\"id\":\"1\",\"method\":\"GET\",\"url\":\"/groups/" + id + "\"}]}"));
		assertThat(answers).allSatisfy(r -> {
			assertThat(r.statusCode()).isIn(502, 504);
			assertThat(r.headers().firstValue("Content-Type")).contains("text/html");
			assertThat(r.headers().firstValue("Retry-After")).isEmpty();
			assertThat(r.body()).startsWith("<html>").contains(r.statusCode() + " ");
		});
		assertThat(sim.counters().injected5xx()).isEqualTo(5);
		assertThat(send("GET", "/_sim/counters", null).statusCode()).as("admin endpoints are not behind the gateway")
			.isEqualTo(200);
	}

	@Test
	void a504IsSentAfterGraphMadeTheChangeA502Before() throws Exception {
		sim.faults(FaultConfig.none().gatewayErrorRate(1));
		List<GroupView> groups = sim.tenant().unifiedGroups().subList(10, 30);
		int made = 0;
		for (GroupView g : groups) {
			int status = send("PATCH", "/beta/groups/" + g.id(),
					"{\"writebackConfiguration\":{\"isEnabled\":" + Boolean.FALSE.equals(g.writebackEnabled()) + "}}")
				.statusCode();
			boolean changed = sim.tenant().group(g.id()).get().writebackEnabled() != g.writebackEnabled();
			assertThat(changed).as("status %d", status).isEqualTo(status == 504);
			made += changed ? 1 : 0;
		}
		assertThat(made).isBetween(1, groups.size() - 1);
		assertThat(sim.audit()).hasSize(made);
	}

	@Test
	void theSdkRaisesNoExceptionForAGatewayEnvelopeAndItsBatchContentThrowsGsonsException() throws Exception {
		GraphServiceClient g = SdkClients.client(sim.baseUrl(), "test-token");
		BatchRequestContent batch = new BatchRequestContent(g);
		batch.addBatchRequestStep(g.groups()
			.byGroupId(sim.tenant().unifiedGroups().get(1).id())
			.toPatchRequestInformation(SdkClients.writebackDisabled()));
		sim.faults(FaultConfig.none().gatewayErrorRate(1));
		BatchResponseContent answer = g.getBatchRequestBuilder().post(batch, null);
		assertThatThrownBy(answer::getResponsesStatusCode).isInstanceOf(JsonSyntaxException.class);
	}

	@Test
	void theSdkCannotReadTheGatewayPageOfASingleRequest() {
		GraphServiceClient g = SdkClients.client(sim.baseUrl(), "test-token");
		sim.faults(FaultConfig.none().gatewayErrorRate(1));
		assertThatThrownBy(() -> g.groups()
			.byGroupId(sim.tenant().unifiedGroups().get(2).id())
			.get(rc -> rc.options.add(new RetryHandlerOption(null, 0, 0)))).isExactlyInstanceOf(RuntimeException.class)
			.hasMessageContaining("Content type text/html does not have a factory");
	}

	@Test
	void theBatchOnlyGatewayAnswersEnvelopesAndNothingElse() throws Exception {
		sim.batchFaults(BatchFaults.none().gatewayRate(1));
		String id = sim.tenant().unifiedGroups().get(3).id();
		assertThat(send("GET", "/beta/groups/" + id, null).statusCode()).isEqualTo(200);
		HttpResponse<String> envelope = send("POST", "/beta/$batch",
				"{\"requests\":[{\"id\":\"1\",\"method\":\"GET\"," + "\"url\":\"/groups/" + id + "\"}]}");
		assertThat(envelope.statusCode()).isIn(502, 504);
		assertThat(envelope.headers().firstValue("Content-Type")).contains("text/html");
	}

	@Test
	void adminSetsTheRate() throws Exception {
		assertThat(send("POST", "/_sim/faults", "{\"gatewayErrorRate\":0.5}").body())
			.contains("\"gatewayErrorRate\":0.5");
		assertThat(sim.simulator().faults().gatewayErrorRate()).isEqualTo(0.5);
		assertThat(send("POST", "/_sim/faults", "{\"gatewayErrorRate\":2}").statusCode()).isEqualTo(400);
	}

	private HttpResponse<String> send(String method, String path, String body) throws Exception {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sim.port() + path))
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.header("Authorization", "Bearer test-token");
		if (body != null) {
			b.header("Content-Type", "application/json");
		}
		return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
	}

}

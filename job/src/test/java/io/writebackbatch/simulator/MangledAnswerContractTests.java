package io.writebackbatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.UnaryOperator;

import com.microsoft.graph.beta.models.Group;
import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import com.microsoft.graph.core.content.BatchRequestContent;
import com.microsoft.graph.core.content.BatchResponseContent;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.core.JacksonException;

/**
 * Every route Graph serves can be answered by a gateway's HTML page, with an empty body
 * or with a body cut short ({@link FaultConfig} {@code gatewayErrorRate},
 * {@code emptyAnswerRate}, {@code truncatedAnswerRate}); reads by {@code $batch}
 * included. Empty and cut answers belong to requests Graph carried out.
 */
class MangledAnswerContractTests {

	@RegisterExtension
	static SimulatorExtension sim = new SimulatorExtension(b -> b.unifiedGroups(30).withGroupUnifiedSetting(true));

	static String groupId;

	static String settingId;

	/** Every route of the simulator, as a request with a body that Graph answers. */
	enum Route {

		LIST("GET", "/beta/groups?$filter=groupTypes/any(c:c%20eq%20'Unified')&$top=5", null),
		COUNT("GET", "/beta/groups/$count", null), GET("GET", "/beta/groups/{group}", null),
		PATCH("PATCH", "/beta/groups/{group}", "{\"writebackConfiguration\":{\"isEnabled\":false}}"),
		MEMBER_COUNT("GET", "/beta/groups/{group}/members/$count", null),
		BATCH_READ("POST", "/beta/$batch",
				"{\"requests\":[{\"id\":\"1\",\"method\":\"GET\",\"url\":\"/groups/{group}\"}]}"),
		BATCH_WRITE("POST", "/beta/$batch",
				"{\"requests\":[{\"id\":\"1\",\"method\":\"PATCH\",\"url\":\"/groups/{group}\",\"headers\":{\"Content-Type\":"
						+ "\"application/json\"},\"body\":{\"writebackConfiguration\":{\"isEnabled\":false}}}]}"),
		TEMPLATES("GET", "/beta/directorySettingTemplates", null), SETTINGS("GET", "/beta/settings", null),
		SETTING("GET", "/beta/settings/{setting}", null), SETTING_PATCH("PATCH", "/beta/settings/{setting}",
				"{\"values\":[{\"name\":\"NewUnifiedGroupWritebackDefault\",\"value\":\"false\"}]}");

		final String method;

		final String path;

		final String body;

		Route(String method, String path, String body) {
			this.method = method;
			this.path = path;
			this.body = body;
		}

		HttpResponse<String> send(RawGraph raw) throws Exception {
			UnaryOperator<String> ids = s -> (s == null) ? null
					: s.replace("{group}", groupId).replace("{setting}", settingId);
			HttpResponse<String> r = raw.send(method, ids.apply(path), ids.apply(body));
			return r;
		}

		boolean hasBody() {
			return !method.equals("PATCH");
		}

	}

	@BeforeAll
	static void ids() throws Exception {
		groupId = sim.tenant().unifiedGroups().get(5).id();
		settingId = RawGraph.json(raw().send("GET", "/beta/settings", null)).at("/value/0/id").asString();
	}

	@ParameterizedTest
	@EnumSource(Route.class)
	void aGatewayAnswersEveryRouteWithAnHtmlPage(Route route) throws Exception {
		sim.faults(FaultConfig.none().gatewayErrorRate(1));
		HttpResponse<String> r = route.send(raw());
		assertThat(r.statusCode()).isIn(502, 504);
		assertThat(r.headers().firstValue("Content-Type")).contains("text/html");
		assertThat(r.body()).startsWith("<html>");
	}

	@ParameterizedTest
	@EnumSource(Route.class)
	void everyRouteCanBeAnsweredWithItsStatusAndAnEmptyBodyAfterGraphCarriedItOut(Route route) throws Exception {
		int status = route.send(raw()).statusCode();
		sim.faults(FaultConfig.none().emptyAnswerRate(1));
		HttpResponse<String> r = route.send(raw());
		assertThat(r.statusCode()).isEqualTo(status);
		assertThat(r.body()).isEmpty();
		assertThat(sim.counters().mangledAnswers()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(Route.class)
	void everyAnswerWithABodyCanBeCutShort(Route route) throws Exception {
		String whole = route.send(raw()).body();
		sim.faults(FaultConfig.none().truncatedAnswerRate(1));
		HttpResponse<String> r = route.send(raw());
		if (route.hasBody()) {
			assertThat(r.body()).isNotEmpty().hasSizeLessThan(whole.length());
			if (!route.path.endsWith("$count")) {
				assertThatThrownBy(() -> RawGraph.json(r)).isInstanceOf(JacksonException.class);
			}
		}
		else {
			assertThat(r.body()).isEmpty();
		}
	}

	@Test
	void theWriteBehindAnEmptyOrCutAnswerWasMade() throws Exception {
		sim.faults(FaultConfig.none().emptyAnswerRate(0.5).truncatedAnswerRate(1));
		List<GroupView> groups = sim.tenant().unifiedGroups().subList(10, 20);
		for (GroupView g : groups) {
			raw().send("POST", "/beta/$batch", RawGraph.batchOf(List.of(g.id()), true));
		}
		assertThat(groups)
			.allSatisfy(g -> assertThat(sim.tenant().group(g.id()).orElseThrow().writebackEnabled()).isFalse());
		assertThat(sim.counters().mangledAnswers()).isEqualTo(10);
	}

	@Test
	void theSdkCannotReadACutBatchAnswerNorACutGroup() throws Exception {
		GraphServiceClient g = SdkClients.client(sim.baseUrl(), "test-token");
		BatchRequestContent batch = new BatchRequestContent(g);
		batch.addBatchRequestStep(g.groups().byGroupId(groupId).toGetRequestInformation());
		sim.faults(FaultConfig.none().truncatedAnswerRate(1));
		BatchResponseContent answer = g.getBatchRequestBuilder().post(batch, null);
		assertThatThrownBy(answer::getResponsesStatusCode).isInstanceOf(RuntimeException.class);
		assertThatThrownBy(
				() -> g.groups().byGroupId(groupId).get(rc -> rc.options.add(new RetryHandlerOption(null, 0, 0))))
			.isInstanceOf(RuntimeException.class);
	}

	@Test
	void anEmptyGroupAnswerReadsInTheSdkAsAGroupWithNothingInIt() {
		GraphServiceClient g = SdkClients.client(sim.baseUrl(), "test-token");
		sim.faults(FaultConfig.none().emptyAnswerRate(1));
		Group group = g.groups().byGroupId(groupId).get();
		assertThat(group).isNotNull();
		assertThat(group.getId()).isNull();
		assertThat(group.getWritebackConfiguration()).isNull();
	}

	private static RawGraph raw() {
		return new RawGraph(sim.port(), "test-token");
	}

}

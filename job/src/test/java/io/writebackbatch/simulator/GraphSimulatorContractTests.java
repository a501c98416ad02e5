package io.writebackbatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.microsoft.graph.beta.models.DirectorySetting;
import com.microsoft.graph.beta.models.Group;
import com.microsoft.graph.beta.models.GroupCollectionResponse;
import com.microsoft.graph.beta.models.GroupWritebackConfiguration;
import com.microsoft.graph.beta.models.SettingValue;
import com.microsoft.graph.beta.models.odataerrors.ODataError;
import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import com.microsoft.graph.core.content.BatchRequestContent;
import com.microsoft.graph.core.content.BatchResponseContent;
import com.microsoft.graph.core.tasks.PageIterator;

import tools.jackson.databind.JsonNode;

class GraphSimulatorContractTests {

	static final String UNIFIED = "groupTypes/any(c:c eq 'Unified')";

	@RegisterExtension
	static SimulatorExtension sim = new SimulatorExtension(
			b -> b.unifiedGroups(500).nonUnifiedGroups(50).withGroupUnifiedSetting(false));

	final HttpClient http = HttpClient.newHttpClient();

	GraphServiceClient graph() {
		return SdkClients.client(sim.baseUrl(), "test-token");
	}

	HttpResponse<String> raw(String method, String pathAndQuery, String body, String... headers) throws Exception {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI
			.create(pathAndQuery.startsWith("http") ? pathAndQuery : "http://127.0.0.1:" + sim.port() + pathAndQuery));
		b.method(method,
				body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		boolean auth = true;
		for (int i = 0; i < headers.length; i += 2) {
			if (headers[i].equals("noauth")) {
				auth = false;
				i--;
				continue;
			}
			b.header(headers[i], headers[i + 1]);
		}
		if (auth) {
			b.header("Authorization", "Bearer test-token");
		}
		if (body != null) {
			b.header("Content-Type", "application/json");
		}
		return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
	}

	static JsonNode json(HttpResponse<String> r) {
		return Json.MAPPER.readTree(r.body());
	}

	String someUnifiedId(int i) {
		return sim.tenant().unifiedGroups().get(i).id();
	}

	@Test
	void pagesEveryUnifiedGroupWithThePageIterator() throws Exception {
		GraphServiceClient g = graph();
		GroupCollectionResponse first = g.groups().get(rc -> {
			rc.queryParameters.filter = UNIFIED;
			rc.queryParameters.select = new String[] { "id", "displayName", "writebackConfiguration",
					"onPremisesSyncEnabled" };
			rc.queryParameters.top = 37;
		});
		List<Group> seen = new ArrayList<>();
		new PageIterator.Builder<Group, GroupCollectionResponse>().client(g)
			.collectionPage(first)
			.collectionPageFactory(GroupCollectionResponse::createFromDiscriminatorValue)
			.processPageItemCallback(x -> seen.add(x))
			.build()
			.iterate();
		Set<String> expected = sim.tenant().unifiedGroups().stream().map(GroupView::id).collect(Collectors.toSet());
		int n = sim.tenant().unifiedGroupCount();
		assertThat(seen).hasSize(n);
		assertThat(seen.stream().map(Group::getId).collect(Collectors.toSet())).isEqualTo(expected);
		assertThat(seen).allSatisfy(x -> assertThat(x.getWritebackConfiguration()).isNotNull());
		assertThat(sim.counters().groupListPages()).isEqualTo((n + 36) / 37);
	}

	@Test
	void listShapeCountAndNextLink() throws Exception {
		var r = raw("GET", "/beta/groups?%24filter=groupTypes%2Fany(c%3Ac%20eq%20'Unified')&%24select=id,displayName"
				+ "&%24top=5&%24count=true", null, "ConsistencyLevel", "eventual");
		assertThat(r.statusCode()).isEqualTo(200);
		JsonNode j = json(r);
		assertThat(j.get("@odata.count").asInt()).isEqualTo(sim.tenant().unifiedGroupCount());
		assertThat(j.get("@odata.context").asString()).endsWith("/beta/$metadata#groups(id,displayName)");
		assertThat(j.get("value")).hasSize(5);
		assertThat(j.get("value").get(0).has("writebackConfiguration")).isFalse();
		assertThat(j.get("value").get(0).propertyNames()).containsExactly("id", "displayName");
		String next = j.get("@odata.nextLink").asString();
		assertThat(next).startsWith("http://127.0.0.1:" + sim.port() + "/beta/groups?").contains("$skiptoken=");
		assertThat(r.headers().firstValue("request-id")).isPresent();
		assertThat(r.headers().firstValue("x-ms-resource-unit")).contains("1");
		// $count=true without ConsistencyLevel is silently ignored (aad-advanced-queries)
		var plain = raw("GET", "/beta/groups?$count=true", null);
		assertThat(plain.statusCode()).isEqualTo(200);
		assertThat(json(plain).has("@odata.count")).isFalse();
	}

	@Test
	void nonUnifiedGroupsAreInTheTenantButNotInUnifiedListing() throws Exception {
		var all = json(raw("GET", "/beta/groups?$top=999&$select=id,groupTypes", null));
		assertThat(all.get("value")).hasSize(sim.tenant().liveCount());
		var unified = json(raw("GET", "/beta/groups?$top=999&$select=id&$filter=" + enc(UNIFIED), null));
		assertThat(unified.get("value")).hasSize(sim.tenant().unifiedGroupCount());
		assertThat(sim.tenant().liveCount() - sim.tenant().unifiedGroupCount()).isEqualTo(50);
	}

	@Test
	void skiptokenTamperingAndExpiryAre400() throws Exception {
		var j = json(raw("GET", "/beta/groups?$top=10&$filter=" + enc(UNIFIED), null));
		String next = j.get("@odata.nextLink").asString();
		String tampered = next.substring(0, next.length() - 3) + (next.endsWith("A") ? "BBB" : "AAA");
		var bad = raw("GET", tampered, null);
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(json(bad).at("/error/message").asString()).isNotEmpty();
		assertThat(raw("GET", next, null).statusCode()).isEqualTo(200);
		sim.simulator().skipTokenTtl(Duration.ofMillis(1));
		Thread.sleep(20);
		var expired = raw("GET", next, null);
		assertThat(expired.statusCode()).isEqualTo(400);
		assertThat(json(expired).at("/error/code").asString()).isEqualTo("Directory_ExpiredPageToken");
	}

	@Test
	void topOutOfRangeAndUnsupportedFilterAre400() throws Exception {
		assertThat(raw("GET", "/beta/groups?$top=1000", null).statusCode()).isEqualTo(400);
		assertThat(raw("GET", "/beta/groups?$top=0", null).statusCode()).isEqualTo(400);
		var f = raw("GET", "/beta/groups?$filter=" + enc("displayName eq 'x'"), null);
		assertThat(f.statusCode()).isEqualTo(400);
		assertThat(json(f).at("/error/code").asString()).isEqualTo("Request_UnsupportedQuery");
	}

	@Test
	void notFoundBodyShape() throws Exception {
		String id = "00000000-0000-4000-8000-000000000001";
		var r = raw("GET", "/beta/groups/" + id, null, "client-request-id", "my-client-id");
		assertThat(r.statusCode()).isEqualTo(404);
		JsonNode e = json(r).get("error");
		assertThat(e.get("code").asString()).isEqualTo("Request_ResourceNotFound");
		assertThat(e.get("message").asString()).isEqualTo("Resource '" + id
				+ "' does not exist or one of its queried reference-property objects are not present.");
		assertThat(e.at("/innerError/date").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
		assertThat(e.at("/innerError/client-request-id").asString()).isEqualTo("my-client-id");
		assertThat(e.at("/innerError/request-id").asString()).isEqualTo(r.headers().firstValue("request-id").get());
		assertThat(r.headers().firstValue("client-request-id")).contains("my-client-id");
		assertThatThrownBy(() -> graph().groups().byGroupId(id).get()).isInstanceOfSatisfying(ODataError.class, ex -> {
			assertThat(ex.getResponseStatusCode()).isEqualTo(404);
			assertThat(ex.getError().getCode()).isEqualTo("Request_ResourceNotFound");
		});
	}

	@Test
	void unauthorizedWithoutOrWithWrongToken() throws Exception {
		var none = raw("GET", "/beta/groups", null, "noauth");
		assertThat(none.statusCode()).isEqualTo(401);
		assertThat(json(none).at("/error/code").asString()).isEqualTo("InvalidAuthenticationToken");
		var wrong = raw("GET", "/beta/groups", null, "noauth", "Authorization", "Bearer nope");
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThatThrownBy(() -> SdkClients.client(sim.baseUrl(), "wrong").groups().get())
			.isInstanceOfSatisfying(ODataError.class, ex -> assertThat(ex.getResponseStatusCode()).isEqualTo(401));
	}

	@Test
	void patchWritebackAndSelect() throws Exception {
		GraphServiceClient g = graph();
		String id = someUnifiedId(3);
		sim.tenant().setWriteback(id, null, null);
		Group plain = g.groups().byGroupId(id).get();
		assertThat(plain.getWritebackConfiguration()).isNull();
		assertThat(plain.getDisplayName()).isEqualTo(sim.tenant().group(id).get().displayName());

		g.groups().byGroupId(id).patch(wb(true, "universalSecurityGroup"));
		assertThat(sim.tenant().group(id).get().onPremisesGroupType()).isEqualTo("universalSecurityGroup");
		// null type and null isEnabled are ignored
		g.groups().byGroupId(id).patch(wb(false, null));
		var v = sim.tenant().group(id).get();
		assertThat(v.writebackEnabled()).isFalse();
		assertThat(v.onPremisesGroupType()).isEqualTo("universalSecurityGroup");
		var r = raw("PATCH", "/beta/groups/" + id,
				"{\"writebackConfiguration\":{\"isEnabled\":null," + "\"onPremisesGroupType\":null}}");
		assertThat(r.statusCode()).isEqualTo(204);
		assertThat(sim.tenant().group(id).get().writebackEnabled()).isFalse();

		Group sel = g.groups()
			.byGroupId(id)
			.get(rc -> rc.queryParameters.select = new String[] { "id", "writebackConfiguration" });
		assertThat(sel.getWritebackConfiguration().getIsEnabled()).isFalse();
		assertThat(sel.getWritebackConfiguration().getOnPremisesGroupType()).isEqualTo("universalSecurityGroup");
		var rawSel = json(raw("GET", "/beta/groups/" + id + "?$select=writebackConfiguration", null));
		assertThat(rawSel.at("/writebackConfiguration/@odata.type").asString())
			.isEqualTo("#microsoft.graph.groupWritebackConfiguration");

		var bad = raw("PATCH", "/beta/groups/" + id,
				"{\"writebackConfiguration\":{\"onPremisesGroupType\":\"global\"}}");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(json(bad).at("/error/message").asString()).isNotEmpty();

		List<AuditEntry> audit = sim.audit();
		assertThat(audit).extracting(AuditEntry::method).containsExactly("ADMIN-SET", "PATCH", "PATCH", "PATCH");
		assertThat(audit.get(1).before()).isEqualTo("{\"isEnabled\":null,\"onPremisesGroupType\":null}");
		assertThat(audit.get(1).after())
			.isEqualTo("{\"isEnabled\":true,\"onPremisesGroupType\":\"universalSecurityGroup\"}");
		assertThat(audit.get(1).target()).isEqualTo(id);
		assertThat(sim.counters().writesApplied()).isEqualTo(3);
	}

	@Test
	void securityGroupsOnlyUniversalSecurityGroup() throws Exception {
		var all = json(raw("GET", "/beta/groups?$top=999&$select=id,groupTypes,securityEnabled", null));
		String sg = null;
		for (JsonNode x : all.get("value")) {
			if (x.get("securityEnabled").asBoolean()) {
				sg = x.get("id").asString();
				break;
			}
		}
		assertThat(raw("PATCH", "/beta/groups/" + sg,
				"{\"writebackConfiguration\":{\"onPremisesGroupType\":" + "\"universalDistributionGroup\"}}")
			.statusCode()).isEqualTo(400);
		assertThat(raw("PATCH", "/beta/groups/" + sg,
				"{\"writebackConfiguration\":{\"onPremisesGroupType\":" + "\"universalSecurityGroup\"}}")
			.statusCode()).isEqualTo(204);
	}

	@Test
	void memberCountNeedsConsistencyLevel() throws Exception {
		String id = someUnifiedId(1);
		Integer n = graph().groups()
			.byGroupId(id)
			.members()
			.count()
			.get(rc -> rc.headers.add("ConsistencyLevel", "eventual"));
		assertThat(n).isEqualTo(sim.tenant().group(id).get().memberCount());
		var r = raw("GET", "/beta/groups/" + id + "/members/$count", null);
		assertThat(r.statusCode()).isEqualTo(400);
		var ok = raw("GET", "/beta/groups/" + id + "/members/%24count", null, "ConsistencyLevel", "eventual");
		assertThat(ok.headers().firstValue("Content-Type").get()).startsWith("text/plain");
		assertThat(ok.headers().firstValue("x-ms-resource-unit")).contains("3");
	}

	@Test
	void batchedPatchesWithTheSdk() throws Exception {
		GraphServiceClient g = graph();
		List<GroupView> groups = sim.tenant().unifiedGroups().subList(100, 119);
		BatchRequestContent batch = new BatchRequestContent(g);
		Map<String, String> stepToGroup = new HashMap<>();
		for (GroupView v : groups) {
			String step = batch
				.addBatchRequestStep(g.groups().byGroupId(v.id()).toPatchRequestInformation(wb(false, null)));
			stepToGroup.put(step, v.id());
		}
		String missing = "00000000-0000-4000-8000-0000000000ff";
		String stepMissing = batch
			.addBatchRequestStep(g.groups().byGroupId(missing).toPatchRequestInformation(wb(false, null)));
		BatchResponseContent resp = g.getBatchRequestBuilder().post(batch, null);
		Map<String, Integer> codes = resp.getResponsesStatusCode();
		assertThat(codes).hasSize(20);
		assertThat(codes.get(stepMissing)).isEqualTo(404);
		stepToGroup.forEach((step, id) -> {
			assertThat(codes.get(step)).isEqualTo(204);
			assertThat(sim.tenant().group(id).get().writebackEnabled()).isFalse();
		});
		assertThat(sim.audit()).hasSize(19);
		assertThat(sim.counters().batchSubRequests()).isEqualTo(20);
	}

	@Test
	void batchValidation() throws Exception {
		StringBuilder sb = new StringBuilder("{\"requests\":[");
		for (int i = 1; i <= 21; i++) {
			sb.append(i > 1 ? "," : "")
				.append("{\"id\":\"")
				.append(i)
				.append("\",\"method\":\"GET\",\"url\":\"/groups\"}");
		}
		var tooMany = raw("POST", "/beta/$batch", sb.append("]}").toString());
		assertThat(tooMany.statusCode()).isEqualTo(400);
		assertThat(json(tooMany).at("/error/message").asString()).isNotEmpty();
		var dup = raw("POST", "/beta/$batch", "{\"requests\":[{\"id\":\"a\",\"method\":\"GET\",\"url\":\"/groups\"},"
				+ "{\"id\":\"A\",\"method\":\"GET\",\"url\":\"/groups\"}]}");
		assertThat(dup.statusCode()).isEqualTo(400);
		var noCt = raw("POST", "/beta/$batch", "{\"requests\":[{\"id\":\"1\",\"method\":\"PATCH\",\"url\":\"/groups/"
				+ someUnifiedId(0) + "\",\"body\":{}}]}");
		assertThat(noCt.statusCode()).isEqualTo(400);
	}

	@Test
	void batchSubResponsesAreIndependent() throws Exception {
		// budget for exactly 3 writes (404 and 400 PATCHes are charged too), so the
		// fourth PATCH is throttled inside the batch
		sim.throttling(ThrottleConfig.graphLargeTenant().writes(3));
		String a = someUnifiedId(10);
		String b = someUnifiedId(11);
		String c = someUnifiedId(12);
		String body = "{\"requests\":[" + patchStep("1", a, "{\"writebackConfiguration\":{\"isEnabled\":true}}") + ","
				+ patchStep("2", "00000000-0000-4000-8000-0000000000fe",
						"{\"writebackConfiguration\":{\"isEnabled\":true}}")
				+ "," + patchStep("3", b, "{\"writebackConfiguration\":{\"onPremisesGroupType\":\"nope\"}}") + ","
				+ patchStep("4", c, "{\"writebackConfiguration\":{\"isEnabled\":true}}")
				+ ",{\"id\":\"5\",\"method\":\"GET\",\"url\":\"/groups/" + a + "\",\"dependsOn\":[\"2\"]}" + "]}";
		var r = raw("POST", "/beta/$batch", body);
		// a throttled step makes the envelope 424 (the simulator's default reading)
		assertThat(r.statusCode()).isEqualTo(424);
		assertThat(r.headers().firstValue("Content-Type").get()).startsWith("application/json");
		Map<String, JsonNode> byId = new HashMap<>();
		for (JsonNode x : json(r).get("responses")) {
			byId.put(x.get("id").asString(), x);
		}
		assertThat(byId.get("1").get("status").asInt()).isEqualTo(204);
		assertThat(byId.get("2").get("status").asInt()).isEqualTo(404);
		assertThat(byId.get("3").get("status").asInt()).isEqualTo(400);
		assertThat(byId.get("4").get("status").asInt()).isEqualTo(429);
		assertThat(byId.get("4").at("/headers/Retry-After").asString()).matches("\\d+(\\.\\d+)?");
		assertThat(byId.get("4").at("/body/error/code").asString()).isEqualTo("TooManyRequests");
		assertThat(byId.get("5").get("status").asInt()).isEqualTo(424);
		assertThat(byId.values()).allSatisfy(x -> {
			if (x.get("status").asInt() >= 400) {
				assertThat(x.at("/body/error/message").isString()).isTrue();
			}
		});
	}

	@Test
	void batchOrderIsShuffled() throws Exception {
		StringBuilder sb = new StringBuilder("{\"requests\":[");
		for (int i = 1; i <= 20; i++) {
			sb.append(i > 1 ? "," : "")
				.append("{\"id\":\"")
				.append(i)
				.append("\",\"method\":\"GET\",\"url\":\"/groups/")
				.append(someUnifiedId(i))
				.append("?$select=id\"}");
		}
		String body = sb.append("]}").toString();
		Set<String> orders = new HashSet<>();
		for (int k = 0; k < 5; k++) {
			List<String> ids = new ArrayList<>();
			json(raw("POST", "/beta/$batch", body)).get("responses").forEach(x -> ids.add(x.get("id").asString()));
			orders.add(ids.toString());
		}
		assertThat(orders.size()).isGreaterThan(1);
	}

	@Test
	void budgetExhaustionGives429WithGraphHeaders() throws Exception {
		// refilling a unit in 1,000 s instead of 1 s: eleven requests on a loaded machine
		// may take longer than a second
		sim.throttling(ThrottleConfig.graphLargeTenant().resourceUnits(10).timeScale(0.001));
		HttpResponse<String> last = null;
		for (int i = 0; i < 11; i++) {
			last = raw("GET", "/beta/groups/" + someUnifiedId(0), null);
		}
		assertThat(last.statusCode()).isEqualTo(429);
		assertThat(last.headers().firstValue("Retry-After").get()).matches("\\d+\\.\\d+");
		assertThat(last.headers().firstValue("x-ms-throttle-information")).contains("ResourceUnitLimitExceeded");
		assertThat(last.headers().firstValue("x-ms-throttle-scope").get()).startsWith("Tenant_Application/");
		assertThat(last.headers().firstValue("x-ms-throttle-limit-percentage")).isPresent();
		assertThat(json(last).at("/error/code").asString()).isEqualTo("TooManyRequests");
		assertThat(json(last).at("/error/innerError/status").asString()).isEqualTo("429");
		assertThat(sim.counters().throttled429()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void writeBudgetExhaustion() throws Exception {
		sim.throttling(ThrottleConfig.graphLargeTenant().writes(3));
		String id = someUnifiedId(20);
		int last = 0;
		HttpResponse<String> r = null;
		for (int i = 0; i < 4; i++) {
			r = raw("PATCH", "/beta/groups/" + id, "{\"writebackConfiguration\":{\"isEnabled\":true}}");
		}
		assertThat(r.statusCode()).isEqualTo(429);
		assertThat(r.headers().firstValue("x-ms-throttle-information")).contains("WriteLimitExceeded");
		// 3 writes per 150 s: the retry is ~50 s away
		assertThat(Double.parseDouble(r.headers().firstValue("Retry-After").get())).isBetween(40.0, 51.0);
	}

	@Test
	void throttledGetIsRetriedByTheSdkRetryHandler() throws Exception {
		// 2 RU of burst, refilled at 2 RU / 10 s × 10 = 2 RU/s: a Retry-After of ~0.5 s,
		// so that four GETs outrun the refill even on a loaded machine
		sim.throttling(ThrottleConfig.graphLargeTenant().resourceUnits(2).timeScale(10));
		GraphServiceClient g = graph();
		String id = someUnifiedId(5);
		for (int i = 0; i < 4; i++) {
			assertThat(g.groups().byGroupId(id).get().getId()).isEqualTo(id);
		}
		assertThat(sim.counters().throttled429()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void settingsReadCreateUpdate() throws Exception {
		GraphServiceClient g = graph();
		var templates = g.directorySettingTemplates().get().getValue();
		var gu = templates.stream().filter(t -> t.getDisplayName().equals("Group.Unified")).findFirst().get();
		assertThat(gu.getId()).isEqualTo("62375ab9-6b52-47ed-826b-58e47e0e304b");
		assertThat(gu.getValues()).anySatisfy(v -> {
			assertThat(v.getName()).isEqualTo("NewUnifiedGroupWritebackDefault");
			assertThat(v.getDefaultValue()).isEqualTo("true");
		});
		sim.tenant().groupUnifiedSetting(null);
		assertThat(g.settings().get().getValue()).isEmpty();

		DirectorySetting ds = new DirectorySetting();
		ds.setTemplateId(gu.getId());
		ds.setValues(List.of(value("NewUnifiedGroupWritebackDefault", "false")));
		DirectorySetting created = g.settings().post(ds);
		assertThat(created.getId()).isNotNull();
		assertThat(created.getDisplayName()).isEqualTo("Group.Unified");
		assertThat(created.getValues()).hasSize(15);
		assertThat(sim.tenant().groupUnifiedSetting().get()).containsEntry("NewUnifiedGroupWritebackDefault", "false");
		assertThat(sim.tenant().createUnifiedGroup("Created After").writebackEnabled()).isFalse();

		assertThatThrownBy(() -> g.settings().post(ds)).isInstanceOfSatisfying(ODataError.class,
				e -> assertThat(e.getResponseStatusCode()).isEqualTo(400));

		List<SettingValue> values = new ArrayList<>(created.getValues());
		values.replaceAll(v -> v.getName().equals("NewUnifiedGroupWritebackDefault") ? value(v.getName(), "true") : v);
		DirectorySetting upd = new DirectorySetting();
		upd.setValues(values);
		g.settings().byDirectorySettingId(created.getId()).patch(upd);
		assertThat(sim.tenant().groupUnifiedSetting().get()).containsEntry("NewUnifiedGroupWritebackDefault", "true")
			.hasSize(15);
		assertThat(sim.tenant().createUnifiedGroup("Created Later").writebackEnabled()).isNull();
		assertThat(g.settings().byDirectorySettingId(created.getId()).get().getValues()).hasSize(15);
		assertThat(sim.audit()).extracting(AuditEntry::method).contains("POST", "PATCH");
		g.settings().byDirectorySettingId(created.getId()).delete();
		assertThat(sim.tenant().groupUnifiedSetting()).isEmpty();
	}

	@Test
	void adminEndpoints(@TempDir Path dir) throws Exception {
		String id = someUnifiedId(7);
		var g = raw("GET", "/_sim/groups/" + id, null, "noauth");
		assertThat(json(g).get("id").asString()).isEqualTo(id);
		var created = json(raw("POST", "/_sim/groups", "{\"displayName\":\"Admin Made\"}", "noauth"));
		String newId = created.get("id").asString();
		assertThat(sim.tenant().group(newId)).isPresent();
		assertThat(raw("DELETE", "/_sim/groups/" + newId, null, "noauth").statusCode()).isEqualTo(204);
		assertThat(raw("GET", "/beta/groups/" + newId, null).statusCode()).isEqualTo(404);
		var state = raw("GET", "/_sim/state", null, "noauth");
		assertThat(state.body().lines().count()).isEqualTo(sim.tenant().liveCount());
		var counters = json(raw("GET", "/_sim/counters", null, "noauth"));
		assertThat(counters.has("throttled429")).isTrue();
		var faults = raw("POST", "/_sim/faults", "{\"errorRate\":1.0}", "noauth");
		assertThat(faults.statusCode()).isEqualTo(200);
		assertThat(raw("GET", "/beta/groups/" + id, null).statusCode()).isIn(503, 504);
		raw("POST", "/_sim/faults", "{\"errorRate\":0}", "noauth");
		assertThat(raw("GET", "/_sim/audit", null, "noauth").body()).contains("ADMIN-CREATE", "ADMIN-DELETE");
		Path file = dir.resolve("t.jsonl");
		assertThat(raw("POST", "/_sim/save?path=" + enc(file.toString()), null, "noauth").statusCode()).isEqualTo(200);
		assertThat(Files.lines(file).count()).isEqualTo(sim.tenant().liveCount() + 1);
	}

	@Test
	void connectionResets() throws Exception {
		sim.faults(FaultConfig.none().resetRate(1.0));
		assertThatThrownBy(() -> raw("GET", "/beta/groups", null)).isInstanceOf(java.io.IOException.class);
		assertThat(sim.counters().connectionResets()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void groupsDeletedAndCreatedMidListingDoNotBreakPaging() throws Exception {
		var first = json(raw("GET", "/beta/groups?$top=100&$select=id&$filter=" + enc(UNIFIED), null));
		List<GroupView> all = sim.tenant().unifiedGroups();
		sim.tenant().deleteGroup(all.get(300).id());
		for (int i = 0; i < 10; i++) {
			sim.tenant().createUnifiedGroup("Mid Run " + i);
		}
		Set<String> seen = new HashSet<>();
		first.get("value").forEach(x -> seen.add(x.get("id").asString()));
		String next = first.get("@odata.nextLink").asString();
		while (next != null) {
			var j = json(raw("GET", next, null));
			j.get("value").forEach(x -> seen.add(x.get("id").asString()));
			next = j.has("@odata.nextLink") ? j.get("@odata.nextLink").asString() : null;
		}
		// every group that existed throughout is seen exactly once
		for (GroupView v : all) {
			if (!v.id().equals(all.get(300).id())) {
				assertThat(seen).contains(v.id());
			}
		}
		assertThat(seen).doesNotContain(all.get(300).id());
	}

	static String patchStep(String id, String groupId, String body) {
		return "{\"id\":\"" + id + "\",\"method\":\"PATCH\",\"url\":\"/groups/" + groupId + "\",\"headers\":"
				+ "{\"Content-Type\":\"application/json\"},\"body\":" + body + "}";
	}

	static Group wb(Boolean enabled, String type) {
		Group g = new Group();
		GroupWritebackConfiguration w = new GroupWritebackConfiguration();
		w.setIsEnabled(enabled);
		if (type != null) {
			w.setOnPremisesGroupType(type);
		}
		g.setWritebackConfiguration(w);
		return g;
	}

	static SettingValue value(String name, String value) {
		SettingValue v = new SettingValue();
		v.setName(name);
		v.setValue(value);
		return v;
	}

	static String enc(String s) {
		return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
	}

}

package io.writebackbatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import com.microsoft.graph.beta.models.Group;
import com.microsoft.graph.beta.models.GroupCollectionResponse;
import com.microsoft.graph.beta.models.odataerrors.ODataError;
import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the simulator learnt about listing, pinned through the real Graph SDK: the
 * advanced-query index lags writes, {@code $count} needs ConsistencyLevel,
 * role-assignable groups answer 403 to an app without RoleManagement.
 */
class ListingContractTests {

	static final String UNIFIED = "groupTypes/any(c:c eq 'Unified')";

	static final String[] SELECT = { "id", "displayName", "isAssignableToRole", "writebackConfiguration" };

	@RegisterExtension
	static SimulatorExtension sim = new SimulatorExtension(b -> b.unifiedGroups(40)
		.nonUnifiedGroups(4)
		.roleAssignableGroups(3)
		.privilegedToken("privileged-token")
		.advancedQueryLag(Duration.ofMillis(1500)));

	GraphServiceClient graph(String token) {
		return SdkClients.client(sim.baseUrl(), token);
	}

	@Test
	void advancedQueriesReadAnIndexThatLagsWrites() throws InterruptedException {
		Group first = list(false).getValue().get(5);
		Boolean before = first.getWritebackConfiguration().getIsEnabled();
		disable(graph("test-token"), first.getId());

		assertThat(writeback(list(false), first.getId())).as("plain listing: what is stored").isFalse();
		assertThat(writeback(list(true), first.getId())).as("advanced query: the index has not caught up")
			.isEqualTo(before);
		Thread.sleep(1700);
		assertThat(writeback(list(true), first.getId())).as("advanced query after the lag").isFalse();
	}

	@Test
	void countNeedsTheAdvancedQueryHeader() {
		Integer count = graph("test-token").groups().count().get(config -> {
			config.queryParameters.filter = UNIFIED;
			config.headers.add("ConsistencyLevel", "eventual");
		});
		assertThat(count).isEqualTo(40);
		assertThatThrownBy(
				() -> graph("test-token").groups().count().get(config -> config.queryParameters.filter = UNIFIED))
			.isInstanceOf(ApiException.class)
			.satisfies(e -> assertThat(((ApiException) e).getResponseStatusCode()).isEqualTo(400));
		assertThat(list(false).getOdataCount()).as("$count=true without the header is ignored").isNull();
		assertThat(list(true).getOdataCount()).isEqualTo(40L);
	}

	@Test
	void roleAssignableGroupsNeedRoleManagement() {
		List<Group> groups = list(false).getValue();
		List<String> roleAssignable = groups.stream()
			.filter(g -> Boolean.TRUE.equals(g.getIsAssignableToRole()))
			.map(Group::getId)
			.toList();
		assertThat(roleAssignable).hasSize(3)
			.containsExactlyInAnyOrderElementsOf(sim.simulator().roleAssignableGroupIds());

		assertThatThrownBy(() -> disable(graph("test-token"), roleAssignable.get(0)))
			.isInstanceOfSatisfying(ODataError.class, e -> {
				assertThat(e.getResponseStatusCode()).isEqualTo(403);
				assertThat(e.getError().getCode()).isEqualTo("Authorization_RequestDenied");
			});
		disable(graph("privileged-token"), roleAssignable.get(0));
		assertThat(writeback(list(false), roleAssignable.get(0))).isFalse();
	}

	private GroupCollectionResponse list(boolean advanced) {
		return graph("test-token").groups().get(config -> {
			config.queryParameters.filter = UNIFIED;
			config.queryParameters.select = SELECT;
			config.queryParameters.top = 999;
			config.queryParameters.count = true;
			if (advanced) {
				config.headers.add("ConsistencyLevel", "eventual");
			}
		});
	}

	private static void disable(GraphServiceClient graph, String id) {
		graph.groups().byGroupId(id).patch(SdkClients.writebackDisabled());
	}

	private static Boolean writeback(GroupCollectionResponse page, String id) {
		return page.getValue()
			.stream()
			.filter(g -> g.getId().equals(id))
			.findFirst()
			.orElseThrow()
			.getWritebackConfiguration()
			.getIsEnabled();
	}

}

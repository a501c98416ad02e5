package io.writebackbatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.microsoft.graph.beta.models.odataerrors.ODataError;
import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tenant-wide write bucket (18,000 writes / 5 min for all apps) is shared: another
 * app of the tenant spends it ({@link GraphModes#otherAppWritesPerSecond()}), so our
 * writes are throttled with scope {@code Tenant/Write/...} long before our own bucket
 * (3,000 / 150 s) is spent.
 */
class TenantWriteBucketContractTests {

	@RegisterExtension
	static SimulatorExtension sim = new SimulatorExtension(
			b -> b.unifiedGroups(40).throttling(ThrottleConfig.graphLargeTenant()));

	@Test
	void anotherAppsWritesLeaveOursOnlyTheRestOfTheTenantsBucket() {
		sim.modes(GraphModes.defaults().otherAppWritesPerSecond(59.5)); // 0.5 writes/s
																		// left
		GraphServiceClient g = SdkClients.client(sim.baseUrl(), "test-token");
		List<String> ids = sim.tenant().unifiedGroups().subList(0, 5).stream().map(GroupView::id).toList();
		assertThatThrownBy(() -> g.groups()
			.byGroupId(ids.get(0))
			.patch(SdkClients.writebackDisabled(), rc -> rc.options.add(new RetryHandlerOption(null, 0, 0))))
			.isInstanceOfSatisfying(ODataError.class, e -> {
				assertThat(e.getResponseStatusCode()).isEqualTo(429);
				assertThat(e.getResponseHeaders().get("x-ms-throttle-scope")).singleElement()
					.satisfies(scope -> assertThat(scope).startsWith("Tenant/Write/"));
				assertThat(e.getResponseHeaders().get("x-ms-throttle-information"))
					.containsExactly("WriteLimitExceeded");
				assertThat(Double.parseDouble(e.getResponseHeaders().get("Retry-After").iterator().next()))
					.isPositive();
			});
		assertThat(sim.audit()).isEmpty();
		assertThat(sim.counters().writeBudgetUse()).as("our own bucket is untouched").isZero();
		assertThat(sim.counters().tenantWriteBudgetUse()).isGreaterThan(0.99);
	}

	@Test
	void withoutTheOtherAppTheBurstIsOurs() {
		GraphServiceClient g = SdkClients.client(sim.baseUrl(), "test-token");
		for (GroupView group : sim.tenant().unifiedGroups().subList(10, 15)) {
			g.groups().byGroupId(group.id()).patch(SdkClients.writebackDisabled());
		}
		assertThat(sim.audit()).hasSize(5);
	}

	@Test
	void selectedLiveThroughTheAdminApi() throws Exception {
		RawGraph raw = new RawGraph(sim.port(), "test-token");
		assertThat(raw.faults("{\"otherAppWritesPerSecond\":30}").body()).contains("\"otherAppWritesPerSecond\":30.0");
		assertThat(sim.counters().tenantWriteBudgetUse()).as("the other app has spent the burst").isGreaterThan(0.99);
		assertThat(raw.faults("{\"otherAppWritesPerSecond\":-1}").statusCode()).isEqualTo(400);
	}

}

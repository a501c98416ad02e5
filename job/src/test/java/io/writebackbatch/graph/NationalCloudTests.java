package io.writebackbatch.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import okhttp3.Dns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The token scope and the identity authority follow the base URL's cloud; national hosts
 * work end to end.
 */
class NationalCloudTests {

	private static final GraphCloudProperties NO_OVERRIDES = GraphCloudProperties.FOLLOW_BASE_URL;

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "https://graph.microsoft.com/beta, https://graph.microsoft.com/.default, ",
			"https://graph.microsoft.us/beta, https://graph.microsoft.us/.default, https://login.microsoftonline.us/",
			"https://dod-graph.microsoft.us/beta, https://dod-graph.microsoft.us/.default, https://login.microsoftonline.us/",
			"https://microsoftgraph.chinacloudapi.cn/beta/, https://microsoftgraph.chinacloudapi.cn/.default, "
					+ "https://login.chinacloudapi.cn/",
			"http://127.0.0.1:8080/beta, https://graph.microsoft.com/.default, " })
	void scopeAndAuthorityFollowTheCloud(String baseUrl, String scope, String authority) {
		GraphEndpoint endpoint = GraphEndpoint.of(baseUrl, NO_OVERRIDES);

		assertThat(endpoint.scope()).isEqualTo(scope);
		assertThat(endpoint.authorityHost()).isEqualTo(Optional.ofNullable(authority));
	}

	@Test
	void bothCanBeSetForAProxy() {
		GraphEndpoint endpoint = GraphEndpoint.of("https://graph-proxy.example/beta",
				new GraphCloudProperties("https://graph.microsoft.us/.default", "https://login.microsoftonline.us/"));

		assertThat(endpoint.scope()).isEqualTo("https://graph.microsoft.us/.default");
		assertThat(endpoint.authorityHost()).contains("https://login.microsoftonline.us/");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://graph-proxy.example/beta", "https://graph.microsoft.com.evil.example/beta" })
	void anHttpsHostThatIsNotGraphNeedsAScope(String baseUrl) {
		assertThatThrownBy(() -> GraphEndpoint.of(baseUrl, NO_OVERRIDES)).isInstanceOf(GraphAccessException.class)
			.hasMessageContaining("is none of Microsoft Graph's")
			.hasMessageContaining("writeback.graph.cloud.scope");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://proxy.example/graph/beta", "https://graph.microsoft.com/v1.0/beta",
			"http://127.0.0.1:8080/prefix/beta" })
	void aPathPrefixIsRefused(String baseUrl) {
		assertThatThrownBy(() -> GraphEndpoint.of(baseUrl, NO_OVERRIDES)).isInstanceOf(GraphAccessException.class)
			.hasMessageContaining("has a path prefix before /beta");
	}

	@Test
	void plainHttpToANationalHostIsRefusedWithoutTheTestOverride() {
		assertThatThrownBy(() -> GraphEndpoint.of("http://graph.microsoft.us:8080/beta", NO_OVERRIDES))
			.hasMessageContaining("plain http to a non-loopback host");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "graph.microsoft.us", "dod-graph.microsoft.us", "microsoftgraph.chinacloudapi.cn" })
	void listsANationalCloudThroughItsHostName(String host) throws Exception {
		try (GraphSimulator sim = GraphSimulator
			.start(SimulatorConfig.builder().port(0).token("t").seed(5).unifiedGroups(25).build())) {
			Dns loopback = name -> List.of(InetAddress.getLoopbackAddress());
			GraphProperties properties = new GraphProperties("http://" + host + ":" + sim.port() + "/beta", "t", null,
					"Low", 10, 2, 0, 2, Duration.ofSeconds(1));
			GraphConnection connection = new GraphConnection(properties, NO_OVERRIDES, GraphCallProperties.DEFAULTS,
					new SimpleMeterRegistry(), loopback);
			GroupDirectory directory = new GroupDirectory(connection);

			GroupPage page = directory.firstPage();
			int read = page.groups().size();
			while (page.nextLink() != null) {
				assertThat(page.nextLink()).startsWith("http://" + host + ":" + sim.port() + "/beta/groups?");
				page = directory.page(page.nextLink());
				read += page.groups().size();
			}

			assertThat(read).isEqualTo(25);
			assertThat(connection.scope()).isEqualTo("https://" + host + "/.default");
		}
	}

}

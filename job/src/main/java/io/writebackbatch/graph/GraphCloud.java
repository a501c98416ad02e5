package io.writebackbatch.graph;

import java.util.Arrays;
import java.util.Optional;

import com.azure.identity.AzureAuthorityHosts;

/**
 * Microsoft Graph's national cloud deployments: tokens are not interchangeable between
 * them, so both the token scope ({@code https://<graph host>/.default}) and the identity
 * authority follow the Graph host (learn.microsoft.com/graph/deployments).
 */
enum GraphCloud {

	GLOBAL("graph.microsoft.com", AzureAuthorityHosts.AZURE_PUBLIC_CLOUD),
	US_GOVERNMENT_L4("graph.microsoft.us", AzureAuthorityHosts.AZURE_GOVERNMENT),
	US_GOVERNMENT_L5_DOD("dod-graph.microsoft.us", AzureAuthorityHosts.AZURE_GOVERNMENT),
	CHINA("microsoftgraph.chinacloudapi.cn", AzureAuthorityHosts.AZURE_CHINA);

	private final String graphHost;

	private final String authorityHost;

	GraphCloud(String graphHost, String authorityHost) {
		this.graphHost = graphHost;
		this.authorityHost = authorityHost;
	}

	static Optional<GraphCloud> ofHost(String host) {
		return Arrays.stream(values()).filter(cloud -> cloud.graphHost.equalsIgnoreCase(host)).findFirst();
	}

	String graphHost() {
		return graphHost;
	}

	String scope() {
		return "https://" + graphHost + "/.default";
	}

	String authorityHost() {
		return authorityHost;
	}

	static String knownHosts() {
		return String.join(", ", Arrays.stream(values()).map(GraphCloud::graphHost).toList());
	}

}

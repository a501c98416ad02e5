package io.writebackbatch.graph;

import java.util.Arrays;
import java.util.Optional;

import com.azure.identity.AzureAuthorityHosts;
import io.writebackbatch.domain.Cloud;

/**
 * Microsoft Graph's national cloud deployments: tokens are not interchangeable between
 * them, so both the token scope ({@code https://<graph host>/.default}) and the identity
 * authority follow the Graph host (learn.microsoft.com/graph/deployments).
 */
enum GraphCloud {

	GLOBAL(Cloud.GLOBAL, AzureAuthorityHosts.AZURE_PUBLIC_CLOUD),
	US_GOVERNMENT_L4(Cloud.US_GOVERNMENT_L4, AzureAuthorityHosts.AZURE_GOVERNMENT),
	US_GOVERNMENT_L5_DOD(Cloud.US_GOVERNMENT_L5_DOD, AzureAuthorityHosts.AZURE_GOVERNMENT),
	CHINA(Cloud.CHINA, AzureAuthorityHosts.AZURE_CHINA);

	private final Cloud cloud;

	private final String graphHost;

	private final String authorityHost;

	GraphCloud(Cloud cloud, String authorityHost) {
		this.cloud = cloud;
		this.graphHost = cloud.graphHost();
		this.authorityHost = authorityHost;
	}

	Cloud cloud() {
		return cloud;
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

package io.writebackbatch.simulator;

import java.net.URI;
import java.util.Map;
import java.util.Set;

import com.microsoft.graph.beta.models.Group;
import com.microsoft.graph.beta.models.GroupWritebackConfiguration;
import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import com.microsoft.graph.core.requests.BaseGraphRequestAdapter;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;

/** Builds a real Graph beta SDK client pointed at a simulator. */
final class SdkClients {

	private SdkClients() {
	}

	record StaticToken(String token, Set<String> hosts) implements AccessTokenProvider {
		@Override
		public String getAuthorizationToken(URI uri, Map<String, Object> additionalAuthenticationContext) {
			return token;
		}

		@Override
		public AllowedHostsValidator getAllowedHostsValidator() {
			return new AllowedHostsValidator(hosts.toArray(new String[0]));
		}
	}

	static GraphServiceClient client(String baseUrl, String token) {
		var auth = new BaseBearerTokenAuthenticationProvider(new StaticToken(token, Set.of("127.0.0.1")));
		var http = GraphClientFactory.create().build();
		var adapter = new BaseGraphRequestAdapter(auth, baseUrl, http);
		return new GraphServiceClient(adapter);
	}

	/** The PATCH body that turns a group's writeback off. */
	static Group writebackDisabled() {
		GroupWritebackConfiguration writeback = new GroupWritebackConfiguration();
		writeback.setIsEnabled(false);
		Group group = new Group();
		group.setWritebackConfiguration(writeback);
		return group;
	}

}

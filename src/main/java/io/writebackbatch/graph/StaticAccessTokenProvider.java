package io.writebackbatch.graph;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;

/** A pre-issued token (from a setting or a file), sent only to the configured Graph host. */
final class StaticAccessTokenProvider implements AccessTokenProvider {

	private final Supplier<String> token;

	private final AllowedHostsValidator allowedHosts;

	private StaticAccessTokenProvider(Supplier<String> token, String host) {
		this.token = token;
		this.allowedHosts = new AllowedHostsValidator(host);
	}

	static StaticAccessTokenProvider ofValue(String token, String host) {
		String trimmed = token.strip();
		return new StaticAccessTokenProvider(() -> trimmed, host);
	}

	/** Re-reads the file on each request so that a mounted, refreshed token is picked up during a long run. */
	static StaticAccessTokenProvider ofFile(Path file, String host) {
		return new StaticAccessTokenProvider(() -> readToken(file), host);
	}

	private static String readToken(Path file) {
		try {
			String value = Files.readString(file).strip();
			if (value.isEmpty()) {
				throw new GraphAccessException(GraphAccessException.Kind.AUTHENTICATION,
						"the access token file " + file + " is empty; write a token into it or unset GRAPH_ACCESS_TOKEN_FILE");
			}
			return value;
		}
		catch (IOException e) {
			throw new GraphAccessException(GraphAccessException.Kind.AUTHENTICATION, "cannot read the access token file "
					+ file + " (" + e.getClass().getSimpleName() + "); check GRAPH_ACCESS_TOKEN_FILE");
		}
	}

	@Override
	public String getAuthorizationToken(URI uri, Map<String, Object> additionalAuthenticationContext) {
		return allowedHosts.isUrlHostValid(uri) ? token.get() : "";
	}

	@Override
	public AllowedHostsValidator getAllowedHostsValidator() {
		return allowedHosts;
	}
}

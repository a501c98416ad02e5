package io.writebackbatch.graph;

import io.writebackbatch.failure.FailureKind;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.Predicate;

import io.writebackbatch.domain.Cloud;
import okhttp3.Dns;
import org.jspecify.annotations.Nullable;

/**
 * Where Graph is and how a token for it is obtained: the validated base URL, the token
 * scope and the identity authority. The scope and the authority follow the base URL's
 * cloud unless set; a host that is none of Graph's (a proxy) needs an explicit scope; a
 * loopback host (the simulator) uses the global cloud's.
 *
 * @param baseUri Graph's beta root, without a trailing slash
 * @param scope the scope azure-identity is asked for
 * @param authorityHost the identity authority to use, empty for azure-identity's own
 * default ({@code AZURE_AUTHORITY_HOST}, else the global cloud)
 */
record GraphEndpoint(URI baseUri, String scope, Optional<String> authorityHost) {

	private static final String EXAMPLE = "use https://graph.microsoft.com/beta (or a national cloud's host)";

	static GraphEndpoint of(String baseUrl, GraphCloudProperties overrides) {
		return of(baseUrl, overrides, null);
	}

	/**
	 * @param testHosts a host-name override only tests pass (national-cloud names served
	 * on loopback): a name it resolves to loopback counts as loopback; in production
	 * (null) only literal loopback names and addresses do
	 */
	static GraphEndpoint of(String baseUrl, GraphCloudProperties overrides, @Nullable Dns testHosts) {
		URI uri = validatedBaseUri(baseUrl, host -> isLoopback(host) || resolvesToLoopback(testHosts, host));
		Optional<GraphCloud> cloud = GraphCloud.ofHost(uri.getHost());
		String scope = present(overrides.scope()).or(() -> cloud.map(GraphCloud::scope))
			.or(() -> isLoopback(uri.getHost()) || resolvesToLoopback(testHosts, uri.getHost())
					? Optional.of(GraphCloud.GLOBAL.scope()) : Optional.empty())
			.orElseThrow(() -> new GraphAccessException(FailureKind.INVALID_INPUT, "GRAPH_BASE_URL host '"
					+ uri.getHost() + "' is none of Microsoft Graph's (" + GraphCloud.knownHosts()
					+ "): set writeback.graph.cloud.scope (WRITEBACK_GRAPH_CLOUD_SCOPE) to the token scope of the Graph "
					+ "behind it, e.g. https://graph.microsoft.com/.default"));
		Optional<String> authority = present(overrides.authorityHost()).map(GraphEndpoint::withoutQueryOrFragment)
			.or(() -> cloud.filter(c -> c != GraphCloud.GLOBAL).map(GraphCloud::authorityHost));
		return new GraphEndpoint(uri, scope, authority);
	}

	/**
	 * The cloud whose tenants this endpoint reaches: the base URL's host, else (a proxy)
	 * the scope's; the simulator on loopback counts as the global cloud.
	 */
	Cloud cloud() {
		return GraphCloud.ofHost(baseUri.getHost())
			.or(() -> GraphCloud.ofHost(URI.create(scope).getHost()))
			.map(GraphCloud::cloud)
			.orElse(Cloud.GLOBAL);
	}

	private static Optional<String> present(@Nullable String value) {
		return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
	}

	static URI validatedBaseUri(String baseUrl, Predicate<String> loopback) {
		URI uri;
		try {
			uri = new URI(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
		}
		catch (URISyntaxException | NullPointerException e) {
			throw invalid("GRAPH_BASE_URL '" + baseUrl + "' is not a URL; " + EXAMPLE);
		}
		if (uri.getHost() == null || uri.getScheme() == null) {
			throw invalid("GRAPH_BASE_URL '" + baseUrl + "' has no host; " + EXAMPLE);
		}
		refuseQueryOrFragment(uri, "GRAPH_BASE_URL (writeback.graph.base-url)", baseUrl,
				"the job appends each request's path to it, which would land after the query and address no "
						+ "resource");
		if ("http".equalsIgnoreCase(uri.getScheme()) && !loopback.test(uri.getHost())) {
			throw invalid("GRAPH_BASE_URL '" + baseUrl
					+ "' uses plain http to a non-loopback host: tokens would travel unencrypted; use https");
		}
		if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
			throw invalid("GRAPH_BASE_URL '" + baseUrl + "' must be an https URL");
		}
		if (!uri.getPath().endsWith("/beta")) {
			throw invalid("GRAPH_BASE_URL '" + baseUrl
					+ "' must end in /beta: writebackConfiguration exists only in Graph beta");
		}
		if (!uri.getPath().equals("/beta")) {
			// BatchRequestContent.getRelativeUrl cuts a fixed 5 characters ("/beta") off
			// each step's path
			throw invalid("GRAPH_BASE_URL '" + baseUrl + "' has a path prefix before /beta: the Graph SDK addresses "
					+ "$batch steps by cutting '/beta' off the front of each path, so every change would go to a wrong "
					+ "path; serve Graph at the root of the host (https://<host>/beta)");
		}
		return uri;
	}

	/**
	 * The authority host override, refused with a query or a fragment: azure-identity and
	 * MSAL append the tenant and the token path to it.
	 */
	private static String withoutQueryOrFragment(String authorityHost) {
		try {
			refuseQueryOrFragment(new URI(authorityHost),
					"writeback.graph.cloud.authority-host " + "(WRITEBACK_GRAPH_CLOUD_AUTHORITYHOST)", authorityHost,
					"the tenant and the token path are added to it");
		}
		catch (URISyntaxException e) {
			throw invalid("writeback.graph.cloud.authority-host (WRITEBACK_GRAPH_CLOUD_AUTHORITYHOST) '" + authorityHost
					+ "' is not a URL; give the host only, e.g. https://login.microsoftonline.com");
		}
		return authorityHost;
	}

	private static void refuseQueryOrFragment(URI uri, String setting, String value, String why) {
		String part = uri.getRawQuery() != null ? "a query string ('?" + uri.getRawQuery() + "')"
				: uri.getRawFragment() != null ? "a fragment ('#" + uri.getRawFragment() + "')" : null;
		if (part != null) {
			throw invalid(setting + " '" + value + "' has " + part + ": " + why + "; remove it, e.g. " + uri.getScheme()
					+ "://" + uri.getRawAuthority() + uri.getRawPath());
		}
	}

	private static GraphAccessException invalid(String message) {
		return new GraphAccessException(FailureKind.INVALID_INPUT, message);
	}

	private static boolean resolvesToLoopback(@Nullable Dns testHosts, String host) {
		try {
			return testHosts != null && testHosts.lookup(host).stream().allMatch(InetAddress::isLoopbackAddress);
		}
		catch (UnknownHostException e) {
			return false;
		}
	}

	static boolean isLoopback(String host) {
		if (host.equalsIgnoreCase("localhost")) {
			return true;
		}
		try {
			return host.matches("[0-9.]+|\\[[0-9a-fA-F:]+\\]") && InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (UnknownHostException e) {
			return false;
		}
	}
}

package io.writebackbatch.graph;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.azure.identity.DefaultAzureCredentialBuilder;
import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import com.microsoft.graph.core.requests.BaseGraphRequestAdapter;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.kiota.RequestOption;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AzureIdentityAccessTokenProvider;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import io.micrometer.core.instrument.MeterRegistry;
import io.writebackbatch.graph.signin.InteractiveSignIn;
import io.writebackbatch.graph.signin.SignInProperties;
import okhttp3.OkHttpClient;

/**
 * The configured Graph client: base URL (https, or http on loopback only), credential (pre-issued token or
 * azure-identity's DefaultAzureCredential chain), the SDK's default middleware, and the shared throttle gate.
 */
public final class GraphConnection {

	static final String GRAPH_SCOPE = "https://graph.microsoft.com/.default";

	/** Kiota's RetryHandler caps its retries at 10. */
	private static final int SDK_MAX_RETRIES = 10;

	private final URI baseUri;

	private final GraphServiceClient client;

	private final ThrottleGate gate;

	private final GraphProperties properties;

	private final AccessTokenProvider tokens;

	public GraphConnection(GraphProperties properties, MeterRegistry meters) {
		this(properties, SignInProperties.none(), meters);
	}

	public GraphConnection(GraphProperties properties, SignInProperties signIn, MeterRegistry meters) {
		this.properties = properties;
		this.baseUri = validatedBaseUri(properties.baseUrl());
		this.gate = new ThrottleGate();
		this.tokens = signIn.enabled() ? signedIn(properties, signIn, baseUri.getHost())
				: tokenProvider(properties, baseUri.getHost());
		// Kiota's delay is the base of its exponential backoff for a 429/503/504 without Retry-After, not a cap: with
		// max-retry-wait (120 s) there, one 503 on a listing page waited two minutes and OkHttp's call timeout failed it
		RequestOption[] options = { new RetryHandlerOption(null, Math.min(properties.maxRetries(), SDK_MAX_RETRIES),
				Math.min(properties.maxRetryWait().toSeconds(), RetryHandlerOption.DEFAULT_DELAY)) };
		OkHttpClient http = GraphClientFactory.create(options)
			.addInterceptor(new GraphTrafficInterceptor(gate, properties.throttlePriority(), meters))
			.readTimeout(100, TimeUnit.SECONDS)
			.build();
		BaseGraphRequestAdapter adapter = new BaseGraphRequestAdapter(new BaseBearerTokenAuthenticationProvider(tokens),
				baseUri.toString(), http);
		this.client = new GraphServiceClient(adapter);
	}

	public GraphServiceClient client() {
		return client;
	}

	public ThrottleGate gate() {
		return gate;
	}

	public GraphProperties properties() {
		return properties;
	}

	public URI baseUri() {
		return baseUri;
	}

	/** Obtains a token once, so a missing or broken credential fails the run before any work starts. */
	public void checkCredential() {
		try {
			String token = tokens.getAuthorizationToken(baseUri, java.util.Map.of());
			if (token == null || token.isBlank()) {
				throw new GraphAccessException(GraphAccessException.Kind.AUTHENTICATION,
						"no access token could be obtained for " + baseUri.getHost() + "; " + credentialHelp());
			}
		}
		catch (GraphAccessException e) {
			throw e;
		}
		catch (RuntimeException e) {
			throw new GraphAccessException(GraphAccessException.Kind.AUTHENTICATION,
					"no credential could get a Graph token (" + firstLine(e) + "); " + credentialHelp(), e);
		}
	}

	/** True when {@code url} points at the configured Graph root, so the token may be sent there. */
	public boolean isGraphUrl(String url) {
		try {
			URI uri = new URI(url);
			return baseUri.getScheme().equalsIgnoreCase(uri.getScheme()) && baseUri.getHost().equalsIgnoreCase(uri.getHost())
					&& baseUri.getPort() == uri.getPort() && uri.getPath() != null && uri.getPath().startsWith(baseUri.getPath());
		}
		catch (URISyntaxException e) {
			return false;
		}
	}

	private static String credentialHelp() {
		return "set GRAPH_ACCESS_TOKEN (or GRAPH_ACCESS_TOKEN_FILE) for a one-off run, or configure azure-identity: "
				+ "AZURE_CLIENT_ID + AZURE_TENANT_ID with AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, "
				+ "workload identity (AZURE_FEDERATED_TOKEN_FILE) or a managed identity";
	}

	private static String firstLine(Throwable e) {
		String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
		int newline = message.indexOf('\n');
		return newline < 0 ? message : message.substring(0, newline);
	}

	/** An administrator's interactive sign-in (delegated permissions) instead of the job's own credential. */
	private static AccessTokenProvider signedIn(GraphProperties properties, SignInProperties signIn, String host) {
		if (hasText(properties.accessToken()) || hasText(properties.accessTokenFile())) {
			throw new GraphAccessException(GraphAccessException.Kind.INVALID, "both a pre-issued token "
					+ "(GRAPH_ACCESS_TOKEN / GRAPH_ACCESS_TOKEN_FILE) and interactive sign-in (--sign-in "
					+ signIn.method().label() + ") are configured; use one: unset the token, or drop --sign-in");
		}
		return InteractiveSignIn.create(signIn, GRAPH_SCOPE, host, System.err);
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

	private static AccessTokenProvider tokenProvider(GraphProperties properties, String host) {
		if (properties.accessToken() != null && !properties.accessToken().isBlank()) {
			return StaticAccessTokenProvider.ofValue(properties.accessToken(), host);
		}
		if (properties.accessTokenFile() != null && !properties.accessTokenFile().isBlank()) {
			return StaticAccessTokenProvider.ofFile(Path.of(properties.accessTokenFile()), host);
		}
		return new AzureIdentityAccessTokenProvider(new DefaultAzureCredentialBuilder().build(), new String[] { host },
				GRAPH_SCOPE);
	}

	static URI validatedBaseUri(String baseUrl) {
		URI uri;
		try {
			uri = new URI(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
		}
		catch (URISyntaxException | NullPointerException e) {
			throw new GraphAccessException(GraphAccessException.Kind.INVALID,
					"GRAPH_BASE_URL '" + baseUrl + "' is not a URL; use https://graph.microsoft.com/beta");
		}
		if (uri.getHost() == null || uri.getScheme() == null) {
			throw new GraphAccessException(GraphAccessException.Kind.INVALID,
					"GRAPH_BASE_URL '" + baseUrl + "' has no host; use https://graph.microsoft.com/beta");
		}
		if ("http".equalsIgnoreCase(uri.getScheme()) && !isLoopback(uri.getHost())) {
			throw new GraphAccessException(GraphAccessException.Kind.INVALID, "GRAPH_BASE_URL '" + baseUrl
					+ "' uses plain http to a non-loopback host: tokens would travel unencrypted; use https");
		}
		if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
			throw new GraphAccessException(GraphAccessException.Kind.INVALID,
					"GRAPH_BASE_URL '" + baseUrl + "' must be an https URL");
		}
		if (!uri.getPath().endsWith("/beta")) {
			throw new GraphAccessException(GraphAccessException.Kind.INVALID, "GRAPH_BASE_URL '" + baseUrl
					+ "' must end in /beta: writebackConfiguration exists only in Graph beta");
		}
		return uri;
	}

	private static boolean isLoopback(String host) {
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

package io.writebackbatch.graph;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.azure.core.credential.TokenCredential;
import com.azure.core.util.Configuration;
import com.azure.identity.AzureAuthorityHosts;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.microsoft.graph.beta.models.Organization;
import com.microsoft.graph.beta.models.OrganizationCollectionResponse;
import com.microsoft.graph.core.requests.BaseGraphRequestAdapter;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.kiota.RequestOption;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AzureIdentityAccessTokenProvider;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import io.micrometer.core.instrument.MeterRegistry;
import io.writebackbatch.domain.Cloud;
import io.writebackbatch.domain.TenantId;
import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.graph.gateway.AccessTokens;
import io.writebackbatch.graph.gateway.GraphErrors;
import io.writebackbatch.graph.gateway.GraphGateway;
import io.writebackbatch.graph.signin.DelegatedPermission;
import io.writebackbatch.graph.signin.InteractiveSignIn;
import io.writebackbatch.graph.signin.SignInProperties;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * The configured Graph client: base URL (https, or http on loopback only), credential
 * (pre-issued token or azure-identity's DefaultAzureCredential chain), the SDK's default
 * middleware, and the shared throttle gate.
 */
public final class GraphConnection {

	private final GraphEndpoint endpoint;

	private final URI baseUri;

	private final GraphGateway gateway;

	private final ThrottleGate gate;

	private final GraphProperties properties;

	private final AccessTokenProvider tokens;

	public GraphConnection(GraphProperties properties, MeterRegistry meters) {
		this(properties, GraphCloudProperties.FOLLOW_BASE_URL, GraphCallProperties.DEFAULTS, meters, null);
	}

	/** With bounds of the {@code $batch} calls of the caller's choosing (tests). */
	GraphConnection(GraphProperties properties, BatchWriteProperties batch, MeterRegistry meters) {
		this(properties, GraphCloudProperties.FOLLOW_BASE_URL, GraphCallProperties.DEFAULTS, batch,
				SignInProperties.none(), TokenVariables.UNSET, meters, null, null);
	}

	/**
	 * @param signIn an administrator's interactive sign-in, used instead of the job's own
	 * credential when enabled
	 * @param variables the token variables as set, so that one set but blank is refused
	 * rather than read as "use azure-identity"
	 */
	GraphConnection(GraphProperties properties, GraphCloudProperties cloud, GraphCallProperties call,
			BatchWriteProperties batch, SignInProperties signIn, TokenVariables variables, MeterRegistry meters) {
		this(properties, cloud, call, batch, signIn, variables, meters, null, null);
	}

	GraphConnection(GraphProperties properties, GraphCloudProperties cloud, GraphCallProperties call,
			MeterRegistry meters, @Nullable Dns testHosts) {
		this(properties, cloud, call, BatchWriteProperties.DEFAULTS, SignInProperties.none(), TokenVariables.UNSET,
				meters, testHosts, null);
	}

	/**
	 * With an azure-identity credential of the caller's choosing instead of the
	 * DefaultAzureCredential chain, through the same Kiota token provider (tests: a
	 * credential that shows what a claims challenge asked for).
	 */
	GraphConnection(GraphProperties properties, GraphCallProperties call, BatchWriteProperties batch,
			TokenCredential credential, MeterRegistry meters) {
		this(properties, GraphCloudProperties.FOLLOW_BASE_URL, call, batch, SignInProperties.none(),
				TokenVariables.UNSET, meters, null, credential);
	}

	/**
	 * @param testHosts a host-name override for tests only (national-cloud names on
	 * loopback); null in production
	 * @param credential an azure-identity credential to use instead of
	 * DefaultAzureCredential; null in production
	 */
	private GraphConnection(GraphProperties properties, GraphCloudProperties cloud, GraphCallProperties call,
			BatchWriteProperties batch, SignInProperties signIn, TokenVariables variables, MeterRegistry meters,
			@Nullable Dns testHosts, @Nullable TokenCredential credential) {
		this.properties = properties;
		this.endpoint = GraphEndpoint.of(properties.baseUrl(), cloud, testHosts);
		this.baseUri = endpoint.baseUri();
		this.gate = new ThrottleGate(properties.maxRetryWait());
		this.tokens = signIn.enabled() ? signedIn(properties, signIn, endpoint)
				: tokenProvider(properties, variables, endpoint, credential);
		// the SDK's RetryHandler is off: the gateway decides every retry, under one
		// policy
		RequestOption[] options = { new RetryHandlerOption(null, 0, 0) };
		OkHttpClient.Builder builder = GraphClientFactory.create(options)
			.addInterceptor(new GraphTrafficInterceptor(gate, properties.throttlePriority(), meters))
			.readTimeout(100, TimeUnit.SECONDS);
		TlsHandshakes.install(builder, call.connectTimeout());
		if (testHosts != null) {
			builder.dns(testHosts);
		}
		OkHttpClient http = builder.build();
		BaseGraphRequestAdapter adapter = new BaseGraphRequestAdapter(new BaseBearerTokenAuthenticationProvider(tokens),
				baseUri.toString(), http);
		this.gateway = new GraphGateway(adapter, http, new AccessTokens(tokens), gate, properties, call,
				batch.callTimeout());
	}

	/**
	 * Widens what a signed-in administrator is asked for (their consent, a new prompt if
	 * needed) before the next request; with the job's own credential, whose application
	 * permissions are granted in Entra, nothing changes.
	 */
	public void requirePermissions(Set<DelegatedPermission> permissions) {
		if (tokens instanceof InteractiveSignIn signIn) {
			signIn.require(permissions);
		}
	}

	/** The one road to Graph: every request of the job goes through it. */
	public GraphGateway gateway() {
		return gateway;
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

	/**
	 * Obtains a token once, so a missing or broken credential fails the run before any
	 * work starts.
	 */
	public void checkCredential() {
		token();
	}

	/**
	 * The tenant the credential's token is for: its {@code tid} claim when the token is a
	 * JWT (as Entra issues them), else what {@code GET /organization} answers with it.
	 * Reads nothing else and writes nothing.
	 */
	public TenantId tokenTenant() {
		String token = token();
		AccessTokenClaims claims = AccessTokenClaims.read(token).orElse(null);
		if (claims != null && claims.tenant() != null) {
			return claims.tenant();
		}
		OrganizationCollectionResponse answer;
		try {
			answer = gateway.readWhole(gateway.requests().organization(),
					OrganizationCollectionResponse::createFromDiscriminatorValue,
					page -> page.getValue() != null ? null : "the organization's 'value'");
		}
		catch (GraphAccessException e) {
			if (e.failureKind() == FailureKind.PERMISSION) {
				throw new GraphAccessException(e.failureKind(),
						"the access token is opaque (not a JWT with a tid claim) and "
								+ "Graph refused GET /organization, which names the token's tenant (403): grant the app "
								+ "Organization.Read.All, or use a token Entra issued (a JWT)",
						e);
			}
			throw e;
		}
		List<Organization> organizations = answer == null || answer.getValue() == null ? List.of() : answer.getValue();
		if (organizations.size() != 1 || organizations.get(0).getId() == null) {
			throw new GraphAccessException(FailureKind.INVALID_INPUT, "GET /organization answered "
					+ organizations.size() + " organizations instead of the token's one tenant; check GRAPH_BASE_URL");
		}
		try {
			return new TenantId(Objects.requireNonNull(organizations.get(0).getId()));
		}
		catch (IllegalArgumentException e) {
			throw new GraphAccessException(FailureKind.INVALID_INPUT,
					"GET /organization answered an id that is no tenant id: " + e.getMessage(), e);
		}
	}

	/**
	 * The Graph permissions the token says it carries (application roles, or delegated
	 * scopes); empty for an opaque token.
	 */
	public Optional<Set<String>> tokenPermissions() {
		return AccessTokenClaims.read(token()).map(claims -> {
			Set<String> granted = new TreeSet<>(claims.roles());
			granted.addAll(claims.scopes());
			return granted;
		});
	}

	/** The cloud whose tenants this connection reaches (from the base URL). */
	public Cloud cloud() {
		return endpoint.cloud();
	}

	private String token() {
		try {
			String token = tokens.getAuthorizationToken(baseUri, Map.of());
			if (token == null || token.isBlank()) {
				throw new GraphAccessException(FailureKind.AUTHENTICATION,
						"no access token could be obtained for " + baseUri.getHost() + "; " + credentialHelp());
			}
			return token;
		}
		catch (GraphAccessException e) {
			throw e;
		}
		catch (RuntimeException e) {
			GraphAccessException failure = GraphErrors.credentialFailure(e);
			throw failure.failureKind() == FailureKind.AUTHENTICATION
					? new GraphAccessException(failure.failureKind(), failure.getMessage() + "; " + credentialHelp(), e)
					: failure;
		}
	}

	/**
	 * The token scope azure-identity is asked for (follows the base URL's cloud unless
	 * set).
	 */
	public String scope() {
		return endpoint.scope();
	}

	/**
	 * True when {@code url} points at the configured Graph root, so the token may be sent
	 * there.
	 */
	public boolean isGraphUrl(String url) {
		try {
			URI uri = new URI(url);
			return baseUri.getScheme().equalsIgnoreCase(uri.getScheme())
					&& baseUri.getHost().equalsIgnoreCase(uri.getHost()) && baseUri.getPort() == uri.getPort()
					&& uri.getPath() != null && uri.getPath().startsWith(baseUri.getPath());
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

	/**
	 * An administrator's interactive sign-in (delegated permissions) instead of the job's
	 * own credential.
	 */
	private static AccessTokenProvider signedIn(GraphProperties properties, SignInProperties signIn,
			GraphEndpoint endpoint) {
		if (hasText(properties.accessToken()) || hasText(properties.accessTokenFile())) {
			throw new GraphAccessException(FailureKind.INVALID_INPUT, "both a pre-issued token "
					+ "(GRAPH_ACCESS_TOKEN / GRAPH_ACCESS_TOKEN_FILE) and interactive sign-in (--sign-in "
					+ Objects.requireNonNull(signIn.method(), "callers check SignInProperties.enabled()").label()
					+ ") are configured; use one: unset the token, or drop --sign-in");
		}
		// the same authority azure-identity would use: the cloud's, else
		// AZURE_AUTHORITY_HOST, else the global one
		String authorityHost = endpoint.authorityHost()
			.orElseGet(() -> Configuration.getGlobalConfiguration()
				.get(Configuration.PROPERTY_AZURE_AUTHORITY_HOST, AzureAuthorityHosts.AZURE_PUBLIC_CLOUD));
		return InteractiveSignIn.create(signIn, endpoint.scope(), authorityHost, endpoint.baseUri().getHost(),
				System.err);
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

	private static AccessTokenProvider tokenProvider(GraphProperties properties, TokenVariables variables,
			GraphEndpoint endpoint, @Nullable TokenCredential given) {
		String host = endpoint.baseUri().getHost();
		if (properties.accessToken() != null && !properties.accessToken().isBlank()) {
			return StaticAccessTokenProvider.ofValue(properties.accessToken(), host);
		}
		if (properties.accessTokenFile() != null && !properties.accessTokenFile().isBlank()) {
			return StaticAccessTokenProvider.ofFile(Path.of(properties.accessTokenFile()), host);
		}
		variables.refuseBlank();
		if (given != null) {
			return new AzureIdentityAccessTokenProvider(given, new String[] { host }, endpoint.scope());
		}
		DefaultAzureCredentialBuilder credential = new DefaultAzureCredentialBuilder();
		endpoint.authorityHost().ifPresent(credential::authorityHost);
		return new AzureIdentityAccessTokenProvider(credential.build(), new String[] { host }, endpoint.scope());
	}

}

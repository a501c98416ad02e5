package io.writebackbatch.graph.signin;

import java.io.IOException;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.InteractiveRequestParameters;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.SilentParameters;
import com.microsoft.aad.msal4j.SystemBrowserOptions;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.sun.jna.Platform;
import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.graph.GraphAccessException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Graph tokens of a signed-in administrator (delegated permissions) for one-off runs:
 * from the persistent cache when an earlier command of the sitting signed in, else by
 * device code or the system browser, prompting on stderr once.
 */
public final class InteractiveSignIn implements AccessTokenProvider {

	private static final Logger log = LoggerFactory.getLogger(InteractiveSignIn.class);

	/**
	 * A token this close to expiry is renewed first, so that a long batch request does
	 * not carry a dying one.
	 */
	private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

	private final SignInProperties properties;

	private final PublicClientApplication app;

	private final TokenCache cache;

	private final String authority;

	/**
	 * What the run asks for; grows when a run finds it needs more (role-assignable
	 * groups).
	 */
	private Set<String> scopes;

	private Set<DelegatedPermission> permissions;

	private final String graphDefaultScope;

	private final AllowedHostsValidator allowedHosts;

	private final PrintStream prompt;

	private final SignInMethod method;

	private final String clientId;

	private @Nullable IAuthenticationResult current;

	private InteractiveSignIn(SignInProperties properties, SignInMethod method, String clientId,
			PublicClientApplication app, TokenCache cache, String authority, String graphDefaultScope, String graphHost,
			PrintStream prompt) {
		this.properties = properties;
		this.method = method;
		this.clientId = clientId;
		this.app = app;
		this.cache = cache;
		this.authority = authority;
		this.graphDefaultScope = graphDefaultScope;
		this.permissions = Set.copyOf(properties.permissions());
		this.scopes = scopes(graphDefaultScope, permissions);
		this.allowedHosts = new AllowedHostsValidator(graphHost);
		this.prompt = prompt;
	}

	/**
	 * @param graphDefaultScope the Graph resource's {@code .default} scope (it follows
	 * the base URL's cloud); the delegated scopes are that resource's permissions
	 * @param authorityHost the Entra authority of Graph's cloud (https)
	 * @param graphHost the only host the token is sent to
	 * @param prompt where the device code or the browser notice goes: stderr, so it
	 * reaches an SSH terminal or a pod's log and never the report on stdout
	 */
	public static InteractiveSignIn create(SignInProperties properties, String graphDefaultScope, String authorityHost,
			String graphHost, PrintStream prompt) {
		SignInMethod method = Objects.requireNonNull(properties.method(), "callers check SignInProperties.enabled()");
		String clientId = properties.clientId();
		if (clientId == null || clientId.isBlank()) {
			throw new GraphAccessException(FailureKind.INVALID_INPUT,
					"interactive sign-in needs your own app registration: "
							+ "register a public client app in Entra (Allow public client flows: yes; for the browser, a "
							+ "'Mobile and desktop applications' redirect URI http://localhost) and set "
							+ "writeback.sign-in.client-id (WRITEBACK_SIGNIN_CLIENTID) to its Application (client) ID; see "
							+ "docs/guide/sign-in.md");
		}
		URI host = validatedAuthorityHost(authorityHost);
		String authority = host.toString().replaceAll("/+$", "") + "/" + properties.tenantId() + "/";
		TokenCache cache = TokenCache.open(properties.cacheDirectory(), properties.allowUnencryptedCache());
		try {
			PublicClientApplication app = PublicClientApplication.builder(clientId)
				.authority(authority)
				.instanceDiscovery(properties.instanceDiscovery())
				.setTokenCacheAccessAspect(cache)
				.logPii(false)
				.build();
			return new InteractiveSignIn(properties, method, clientId, app, cache, authority, graphDefaultScope,
					graphHost, prompt);
		}
		catch (MalformedURLException | IllegalArgumentException e) {
			throw new GraphAccessException(FailureKind.INVALID_INPUT,
					"writeback.sign-in: the authority " + authority + " is not usable (" + e.getMessage()
							+ "); check writeback.graph.cloud.authority-host and " + "writeback.sign-in.tenant-id");
		}
	}

	/**
	 * {@code https://graph.microsoft.com/.default} and Group.Read.All give
	 * https://graph.microsoft.com/Group.Read.All.
	 */
	static Set<String> scopes(String graphDefaultScope, Set<DelegatedPermission> permissions) {
		String resource = graphDefaultScope.substring(0, graphDefaultScope.lastIndexOf('/') + 1);
		return permissions.stream().map(p -> resource + p.scopeName()).collect(Collectors.toUnmodifiableSet());
	}

	private static URI validatedAuthorityHost(@Nullable String value) {
		URI uri = value == null ? null : URI.create(value.strip());
		if (uri == null || !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
			throw new GraphAccessException(FailureKind.INVALID_INPUT,
					"the sign-in authority (writeback.graph.cloud.authority-host) '" + value
							+ "' must be an https URL such as https://login.microsoftonline.com (tokens travel there)");
		}
		return uri;
	}

	/**
	 * Asks for {@code more} from the next token on: the signed-in administrator consents
	 * to them (a new prompt when the cached sign-in does not hold them).
	 */
	public synchronized void require(Set<DelegatedPermission> more) {
		if (permissions.containsAll(more)) {
			return;
		}
		Set<DelegatedPermission> wider = EnumSet.copyOf(permissions);
		wider.addAll(more);
		permissions = Set.copyOf(wider);
		scopes = scopes(graphDefaultScope, permissions);
		current = null;
		log.info("sign-in: this run now also asks for {}",
				more.stream().map(DelegatedPermission::scopeName).sorted().collect(Collectors.joining(", ")));
	}

	@Override
	public String getAuthorizationToken(URI uri, Map<String, Object> additionalAuthenticationContext) {
		return allowedHosts.isUrlHostValid(uri) ? token() : "";
	}

	@Override
	public AllowedHostsValidator getAllowedHostsValidator() {
		return allowedHosts;
	}

	private synchronized String token() {
		if (current == null || current.expiresOnDate().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE_EXPIRY))) {
			current = fromCache().orElseGet(this::signIn);
		}
		return current.accessToken();
	}

	private Optional<IAuthenticationResult> fromCache() {
		Optional<IAccount> account = SignedInAccount.load(properties.cacheDirectory())
			.filter(saved -> saved.isFor(clientId, authority))
			.flatMap(this::cachedAccount);
		if (account.isEmpty()) {
			return Optional.empty();
		}
		try {
			// the authority given explicitly: else MSAL rebuilds it from the account's
			// host and drops a non-default port
			IAuthenticationResult result = app
				.acquireTokenSilently(SilentParameters.builder(scopes, account.get()).authorityUrl(authority).build())
				.get();
			log.info("Signed in as {} from the token cache {} ({}); permissions {}", account.get().username(),
					cache.file(), cache.protection(), permissionNames());
			return Optional.of(result);
		}
		catch (ExecutionException | CompletionException | MalformedURLException e) {
			// expired or revoked refresh token, or new permissions needing consent: sign
			// in again
			log.info("The cached sign-in cannot be used ({}); signing in again",
					firstLine(e.getCause() != null ? e.getCause() : e));
			return Optional.empty();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new GraphAccessException(FailureKind.AUTHENTICATION, "interrupted while reading the token cache");
		}
	}

	private Optional<IAccount> cachedAccount(SignedInAccount saved) {
		return app.getAccounts()
			.join()
			.stream()
			.filter(a -> a.homeAccountId().equals(saved.homeAccountId()))
			.findFirst();
	}

	private IAuthenticationResult signIn() {
		prompt.println("sign-in: this run asks for " + permissionNames() + " on your behalf (app " + clientId
				+ ", tenant " + properties.tenantId() + ")");
		try {
			IAuthenticationResult result = switch (method) {
				case DEVICE_CODE -> app.acquireToken(
						DeviceCodeFlowParameters.builder(scopes, code -> prompt.println("sign-in: " + code.message()))
							.build())
					.get();
				case BROWSER -> {
					prompt.println("sign-in: opening the system browser; finish signing in there");
					InteractiveRequestParameters.InteractiveRequestParametersBuilder browser = InteractiveRequestParameters
						.builder(URI.create("http://localhost"))
						.scopes(scopes);
					if (Platform.isLinux()) {
						browser.systemBrowserOptions(
								SystemBrowserOptions.builder().openBrowserAction(new SystemBrowser()).build());
					}
					yield app.acquireToken(browser.build()).get();
				}
			};
			new SignedInAccount(result.account().homeAccountId(), result.account().username(), clientId, authority)
				.save(properties.cacheDirectory());
			log.info("Signed in as {} ({}); tokens cached in {} ({})", result.account().username(), method.label(),
					cache.file(), cache.protection());
			return result;
		}
		catch (ExecutionException | CompletionException e) {
			throw failed(e.getCause() != null ? e.getCause() : e);
		}
		catch (MsalException | IOException e) {
			throw failed(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new GraphAccessException(FailureKind.AUTHENTICATION, "interrupted while waiting for the sign-in");
		}
	}

	private GraphAccessException failed(Throwable cause) {
		String hint = method == SignInMethod.BROWSER ? "; without a browser here, use --sign-in device-code"
				: "; check that the app registration allows public client flows and that you finished signing in";
		return new GraphAccessException(FailureKind.AUTHENTICATION,
				"sign-in (" + method.label() + ") failed: " + firstLine(cause) + hint, cause);
	}

	private String permissionNames() {
		return permissions.stream().map(DelegatedPermission::scopeName).sorted().collect(Collectors.joining(", "));
	}

	private static String firstLine(Throwable e) {
		String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
		int newline = message.indexOf('\n');
		return (newline < 0 ? message : message.substring(0, newline)).strip();
	}

}

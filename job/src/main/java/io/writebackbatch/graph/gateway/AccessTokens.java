package io.writebackbatch.graph.gateway;

import java.net.URI;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.kiota.authentication.AccessTokenProvider;
import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.graph.GraphAccessException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access token each request carries, and what a 401 does to it. Graph answers 401
 * when a token expired, was revoked, or (Continuous Access Evaluation) when it wants a
 * token with more claims: then {@code WWW-Authenticate} carries {@code claims="..."},
 * which must reach the credential, or azure-identity hands back its cached, unexpired
 * token. So a 401 asks the credential again with the claims; when it hands back the very
 * token Graph refused, the run stops for a person (exit 2) instead of claiming a renewal
 * that did not happen. A token is never logged.
 */
public final class AccessTokens {

	private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);

	/**
	 * The key Kiota's azure-identity provider reads the (base64) claims challenge from.
	 */
	static final String CLAIMS = "claims";

	private static final Pattern CHALLENGE = Pattern.compile("claims\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

	private final AccessTokenProvider provider;

	public AccessTokens(AccessTokenProvider provider) {
		this.provider = provider;
	}

	/** The token for a request to {@code uri} (empty when the host is not Graph's). */
	String token(URI uri) {
		return ask(uri, Map.of());
	}

	/**
	 * A new token after Graph refused {@code refused} with {@code answer}.
	 * @param wwwAuthenticate the 401's {@code WWW-Authenticate} header, if any
	 * @throws GraphAccessException (AUTHENTICATION) when the credential hands back the
	 * same token
	 */
	String renew(URI uri, String refused, @Nullable String wwwAuthenticate, GraphAnswer answer, String doing) {
		String claims = claimsChallenge(wwwAuthenticate);
		String fresh = ask(uri, claims == null ? Map.of() : Map.of(CLAIMS, claims));
		String challenge = claims == null ? "without a claims challenge" : "with a claims challenge (CAE)";
		if (fresh.isEmpty() || fresh.equals(refused)) {
			throw new GraphAccessException(FailureKind.AUTHENTICATION,
					"Graph refused the access token while " + doing + " (" + answer.describe() + ", " + challenge
							+ ") and the credential handed back the same token when asked again"
							+ (claims == null ? "" : " with the claims") + ": it cannot be renewed in this run. "
							+ "The token is expired, revoked, for another tenant or audience, or a policy "
							+ "(Conditional Access, CAE) wants a new sign-in: provide a valid token or credential, "
							+ "then run 'resume'");
		}
		log.warn("Graph refused the access token while {} ({}, {}); got a new token from the credential", doing,
				answer.describe(), challenge);
		return fresh;
	}

	/**
	 * The base64 claims of a CAE challenge ({@code WWW-Authenticate: Bearer ...,
	 * error="insufficient_claims", claims="..."}), or null when there is none or it is
	 * not base64 (Kiota would fail decoding it).
	 */
	static @Nullable String claimsChallenge(@Nullable String wwwAuthenticate) {
		if (wwwAuthenticate == null) {
			return null;
		}
		Matcher matcher = CHALLENGE.matcher(wwwAuthenticate);
		if (!matcher.find() || matcher.group(1).isBlank()) {
			return null;
		}
		try {
			Base64.getDecoder().decode(matcher.group(1));
			return matcher.group(1);
		}
		catch (IllegalArgumentException notBase64) {
			return null;
		}
	}

	private String ask(URI uri, Map<String, Object> context) {
		try {
			String token = provider.getAuthorizationToken(uri, context);
			return token == null ? "" : token;
		}
		catch (GraphAccessException e) {
			throw e;
		}
		catch (RuntimeException e) {
			throw GraphErrors.credentialFailure(e);
		}
	}

}

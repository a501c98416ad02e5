package io.writebackbatch.graph.gateway;

import java.io.IOException;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.microsoft.aad.msal4j.MsalServiceException;
import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.failure.Failures;
import io.writebackbatch.failure.HttpStatuses;
import io.writebackbatch.failure.TlsHandshakeException;
import io.writebackbatch.graph.GraphAccessException;
import org.jspecify.annotations.Nullable;

/**
 * Turns what the network, TLS and azure-identity throw into a
 * {@link GraphAccessException} an operator can act on: the only place that knows those
 * exception types. Graph's own answers never get here: {@link GraphGateway} judges them
 * ({@link GraphAnswer}), and reads bodies itself, so neither the SDK's ApiException nor
 * Gson's parse errors occur.
 */
public final class GraphErrors {

	private GraphErrors() {
	}

	public static GraphAccessException translate(RuntimeException e, String doing) {
		if (e instanceof GraphAccessException known) {
			return known;
		}
		ClientAuthenticationException identity = find(e, ClientAuthenticationException.class);
		if (identity != null) {
			return fromIdentity(identity, e);
		}
		TlsHandshakeException tls = find(e, TlsHandshakeException.class);
		if (tls != null) {
			FailureKind kind = Failures.classify(tls).kind();
			return new GraphAccessException(graphKind(kind),
					"cannot reach Graph while " + doing + ": " + tls.getMessage() + (kind == FailureKind.TRANSIENT
							? " If it is, the network is at fault: run 'resume' once Graph answers" : ""),
					e);
		}
		IOException io = find(e, IOException.class);
		if (io != null) {
			return new GraphAccessException(FailureKind.TRANSIENT,
					"cannot reach Graph while " + doing + ": " + io.getClass().getSimpleName() + " " + io.getMessage()
							+ "; check GRAPH_BASE_URL and the network, then run 'resume'",
					e);
		}
		return new GraphAccessException(FailureKind.TRANSIENT,
				"unexpected failure while " + doing + ": " + Failures.firstLine(e), e);
	}

	/**
	 * True when another attempt within the run may succeed: a transient failure, but not
	 * a TLS handshake that got no answer (mostly an https URL on a plain-http port, where
	 * every attempt would wait out the connect timeout again; the run ends resumable at
	 * once instead).
	 */
	public static boolean worthRetrying(GraphAccessException failure) {
		return failure.failureKind() == FailureKind.TRANSIENT && find(failure, TlsHandshakeException.class) == null;
	}

	/**
	 * Why no token could be had: the identity endpoint (transient or refused), the
	 * network, or no usable credential.
	 */
	public static GraphAccessException credentialFailure(RuntimeException e) {
		GraphAccessException judged = find(e, GraphAccessException.class);
		if (judged != null) {
			// the credential's own verdict (a damaged sign-in token cache), under the
			// futures and exceptions of MSAL that carried it here
			return judged;
		}
		ClientAuthenticationException identity = find(e, ClientAuthenticationException.class);
		if (identity != null) {
			return fromIdentity(identity, e);
		}
		if (find(e, IOException.class) != null) {
			return translate(e, "getting a Graph token");
		}
		return new GraphAccessException(FailureKind.AUTHENTICATION,
				"no credential could get a Graph token (" + Failures.firstLine(e) + ")", e);
	}

	/**
	 * What azure-identity's failure to get a token means: the identity endpoint timing
	 * out or answering 5xx/429 is transient; a refused or missing credential is for a
	 * person to fix.
	 */
	public static GraphAccessException fromIdentity(ClientAuthenticationException identity, RuntimeException thrown) {
		int status = identityStatus(identity);
		boolean transientFailure = status > 0 ? HttpStatuses.isRetryable(status)
				: find(thrown, IOException.class) != null;
		String words = Failures.firstLine(identity);
		if (transientFailure) {
			return new GraphAccessException(FailureKind.TRANSIENT,
					"the identity endpoint failed while " + "getting a Graph token ("
							+ (status > 0 ? "HTTP " + status + ", " : "") + words
							+ "); nothing was changed: run again when it answers",
					thrown);
		}
		return new GraphAccessException(FailureKind.AUTHENTICATION,
				"no credential could get a Graph token (" + words + ")", thrown);
	}

	private static int identityStatus(ClientAuthenticationException identity) {
		MsalServiceException msal = find(identity, MsalServiceException.class);
		if (msal != null && msal.statusCode() != null) {
			return msal.statusCode();
		}
		HttpResponseException http = identity;
		return http.getResponse() == null ? 0 : http.getResponse().getStatusCode();
	}

	private static <T extends Throwable> @Nullable T find(Throwable e, Class<T> type) {
		for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}

	/**
	 * The kind a Graph failure is reported as: Graph's own kinds as they are, any other
	 * (the repository, a concurrent run, a bug) as invalid input or transient, by whether
	 * a retry may help.
	 */
	private static FailureKind graphKind(FailureKind kind) {
		return switch (kind) {
			case AUTHENTICATION, PERMISSION, INVALID_INPUT, TRANSIENT -> kind;
			default -> (kind.exitCode() == FailureKind.TRANSIENT.exitCode()) ? FailureKind.TRANSIENT
					: FailureKind.INVALID_INPUT;
		};
	}

}

package io.writebackbatch.graph.gateway;

import java.io.EOFException;
import java.io.IOException;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.google.gson.JsonParseException;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.graph.beta.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;
import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.failure.Failures;
import io.writebackbatch.failure.HttpStatuses;
import io.writebackbatch.failure.TlsHandshakeException;
import io.writebackbatch.graph.GraphAccessException;
import org.jspecify.annotations.Nullable;

/**
 * Turns what the Graph SDK, Kiota, Gson and azure-identity throw into a
 * {@link GraphAccessException} an operator can act on: the only place that knows those
 * libraries' exception types. Statuses are judged by {@link HttpStatuses}.
 */
public final class GraphErrors {

	private GraphErrors() {
	}

	public static GraphAccessException translate(RuntimeException e, String doing) {
		if (e instanceof GraphAccessException known) {
			return known;
		}
		if (e instanceof ApiException api) {
			return fromStatus(api, doing);
		}
		Throwable unreadable = unreadable(e);
		if (unreadable != null) {
			return new GraphAccessException(FailureKind.TRANSIENT,
					"Graph's answer while " + doing + " could not be read: it is truncated or not Graph's JSON ("
							+ Failures.firstLine(unreadable)
							+ "); check GRAPH_BASE_URL and any proxy in between, then run 'resume'",
					e);
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

	private static GraphAccessException fromStatus(ApiException api, String doing) {
		int status = api.getResponseStatusCode();
		String code = api instanceof ODataError odata && odata.getError() != null ? odata.getError().getCode() : null;
		String message = api instanceof ODataError odata && odata.getError() != null ? odata.getError().getMessage()
				: "the error body was not Graph's JSON (" + Failures.firstLine(api) + ")";
		String detail = " while " + doing + ": HTTP " + status + (code == null ? "" : " " + code) + ", " + message;
		FailureKind kind = HttpStatuses.kindOf(status);
		String text = switch (kind) {
			case AUTHENTICATION -> "Graph refused the credential" + detail
					+ "; the token is expired, malformed or for another tenant/audience: get a new one";
			case PERMISSION -> "Graph denied access" + detail
					+ "; grant the app Group.ReadWrite.All (Group.Read.All for plan) and admin consent";
			case TRANSIENT -> "Graph stayed unavailable or throttled" + detail + "; run 'resume' later";
			default -> "Graph rejected a request" + detail;
		};
		return new GraphAccessException(graphKind(kind), text, api);
	}

	/**
	 * A truncated or non-JSON body: Gson's parse errors, or Kiota finding no parser for
	 * the content type.
	 */
	private static @Nullable Throwable unreadable(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof JsonParseException || t instanceof EOFException
					|| String.valueOf(t.getMessage()).contains("does not have a factory to be parsed")) {
				return t.getCause() instanceof IOException io ? io : t;
			}
		}
		return null;
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

package io.writebackbatch.graph;

import com.microsoft.graph.beta.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;

/** Turns what the SDK throws into a {@link GraphAccessException} an operator can act on. */
final class GraphErrors {

	private GraphErrors() {
	}

	static GraphAccessException translate(RuntimeException e, String doing) {
		if (e instanceof GraphAccessException known) {
			return known;
		}
		if (e instanceof ApiException api) {
			String code = e instanceof ODataError odata && odata.getError() != null ? odata.getError().getCode() : null;
			String message = e instanceof ODataError odata && odata.getError() != null ? odata.getError().getMessage()
					: "the error body was not Graph's JSON error (" + firstLine(e) + ")";
			String detail = " while " + doing + ": HTTP " + api.getResponseStatusCode()
					+ (code == null ? "" : " " + code) + ", " + message;
			return switch (api.getResponseStatusCode()) {
				case 401 -> new GraphAccessException(GraphAccessException.Kind.AUTHENTICATION,
						"Graph refused the credential" + detail
								+ "; the token is expired, malformed or for another tenant/audience: get a new one",
						e);
				case 403 -> new GraphAccessException(GraphAccessException.Kind.PERMISSION, "Graph denied access" + detail
						+ "; grant the app Group.ReadWrite.All (Group.Read.All for plan) and admin consent", e);
				case 429, 500, 502, 503, 504 -> new GraphAccessException(GraphAccessException.Kind.TRANSIENT,
						"Graph stayed unavailable or throttled" + detail + "; run 'resume' later", e);
				default -> new GraphAccessException(GraphAccessException.Kind.INVALID, "Graph rejected a request" + detail, e);
			};
		}
		if (isUnreadableAnswer(e)) {
			return new GraphAccessException(GraphAccessException.Kind.TRANSIENT, "Graph's answer while " + doing
					+ " could not be read: it is truncated or not Graph's JSON (" + firstLine(e.getCause() != null
							&& isUnreadableAnswer(e.getCause()) ? e.getCause() : e)
					+ "); check GRAPH_BASE_URL and any proxy in between, then run 'resume'", e);
		}
		if (e.getCause() instanceof java.io.IOException io) {
			return new GraphAccessException(GraphAccessException.Kind.TRANSIENT,
					"cannot reach Graph while " + doing + ": " + io.getClass().getSimpleName() + " " + io.getMessage()
							+ "; check GRAPH_BASE_URL and the network, then run 'resume'",
					e);
		}
		String name = e.getClass().getName();
		if (name.startsWith("com.azure.identity") || name.startsWith("com.azure.core.exception.ClientAuthentication")) {
			return new GraphAccessException(GraphAccessException.Kind.AUTHENTICATION,
					"no credential could get a Graph token (" + firstLine(e) + ")", e);
		}
		return new GraphAccessException(GraphAccessException.Kind.TRANSIENT,
				"unexpected failure while " + doing + ": " + firstLine(e), e);
	}

	/** A truncated or non-JSON body: Gson's parse errors, or Kiota finding no parser for the content type. */
	private static boolean isUnreadableAnswer(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			String name = t.getClass().getName();
			String message = String.valueOf(t.getMessage());
			if (name.contains("MalformedJson") || name.contains("JsonSyntax") || name.contains("JsonParse")
					|| name.equals("java.io.EOFException") || message.contains("does not have a factory to be parsed")) {
				return true;
			}
		}
		return false;
	}

	private static String firstLine(Throwable e) {
		String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
		int newline = message.indexOf('\n');
		return newline < 0 ? message : message.substring(0, newline);
	}
}

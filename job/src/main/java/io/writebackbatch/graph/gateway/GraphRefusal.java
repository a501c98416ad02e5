package io.writebackbatch.graph.gateway;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.graph.GraphAccessException;

/**
 * Graph answered a request with a 4xx other than 401, 403 or 429: sending it again will
 * not help. The caller may know better (a 404 on a member count means the group is gone,
 * a 400 on a skip token means "list again"); otherwise the run stops for a person.
 */
public final class GraphRefusal extends GraphAccessException {

	private final transient GraphAnswer answer;

	private final Route route;

	GraphRefusal(GraphCall call, GraphAnswer answer) {
		super(FailureKind.INVALID_INPUT,
				"Graph refused the request while " + call.doing() + " (" + answer.describe() + ")");
		this.answer = answer;
		this.route = call.route();
	}

	public GraphAnswer answer() {
		return answer;
	}

	public Route route() {
		return route;
	}

	public int status() {
		return answer.status();
	}

	/** Graph's error code and message, lower case, for callers that look for words. */
	public String words() {
		return (answer.code() + ", " + answer.message()).toLowerCase(java.util.Locale.ROOT);
	}

}

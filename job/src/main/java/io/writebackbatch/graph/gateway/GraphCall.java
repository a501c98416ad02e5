package io.writebackbatch.graph.gateway;

import java.net.URI;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One request to Graph, ready for {@link GraphGateway}: built by {@link GraphRequests}
 * only, so no other class needs the SDK's request builders.
 *
 * @param route what kind of request it is (its permission, whether it is retried)
 * @param method the HTTP method
 * @param uri the absolute URL
 * @param headers per-request headers Graph reads on this request (e.g.
 * {@code ConsistencyLevel})
 * @param body a JSON body, or null
 * @param doing what it does, for messages ("counting the members of group ...")
 */
public record GraphCall(Route route, String method, URI uri, Map<String, String> headers, @Nullable String body,
		String doing) {

	public GraphCall {
		headers = Map.copyOf(headers);
	}

}

package io.writebackbatch.graph;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Overrides for reaching Graph in a national cloud or through a proxy; by default both
 * follow the base URL's host. Environment: {@code WRITEBACK_GRAPH_CLOUD_SCOPE},
 * {@code WRITEBACK_GRAPH_CLOUD_AUTHORITY_HOST}.
 *
 * @param scope the token scope azure-identity asks for, e.g.
 * {@code https://graph.microsoft.us/.default}; required when the base URL's host is none
 * of Graph's (a proxy)
 * @param authorityHost the identity authority, e.g.
 * {@code https://login.microsoftonline.us/}; default: the cloud's
 */
@ConfigurationProperties("writeback.graph.cloud")
public record GraphCloudProperties(@Nullable String scope, @Nullable String authorityHost) {

	public static final GraphCloudProperties FOLLOW_BASE_URL = new GraphCloudProperties(null, null);

}

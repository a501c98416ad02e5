package io.writebackbatch.graph;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the job reaches Microsoft Graph. Environment: {@code GRAPH_BASE_URL},
 * {@code GRAPH_ACCESS_TOKEN}, {@code GRAPH_ACCESS_TOKEN_FILE}, or any
 * {@code WRITEBACK_GRAPH_*} relaxed-binding name.
 *
 * @param baseUrl Graph beta root; plain http only for loopback (the simulator)
 * @param accessToken a pre-issued token for one-off runs; otherwise azure-identity's
 * DefaultAzureCredential chain
 * @param accessTokenFile a file holding such a token (re-read on each request, so a
 * sidecar may refresh it)
 * @param throttlePriority sent as {@code x-ms-throttle-priority}: a background job should
 * be throttled first
 * @param pageSize {@code $top} of the group listing (Graph's maximum is 999)
 * @param maxConcurrentBatches upper bound of {@code $batch} requests in flight; the
 * actual number adapts
 * @param maxWritesPerSecond optional ceiling to leave write quota to the tenant's other
 * apps (0: none; else at least 1, the pacer's floor)
 * @param maxRetries attempts per request on 429/503/504 and connection failures before it
 * counts as failed
 * @param maxRetryWait longest single wait between attempts, whatever Retry-After says
 */
@ConfigurationProperties("writeback.graph")
public record GraphProperties(@DefaultValue("https://graph.microsoft.com/beta") String baseUrl, String accessToken,
		String accessTokenFile, @DefaultValue("Low") String throttlePriority, @DefaultValue("999") int pageSize,
		@DefaultValue("8") int maxConcurrentBatches, @DefaultValue("0") double maxWritesPerSecond,
		@DefaultValue("8") int maxRetries, @DefaultValue("120s") Duration maxRetryWait) {

	public GraphProperties {
		if (pageSize < 1 || pageSize > 999) {
			throw new IllegalArgumentException(
					"writeback.graph.page-size must be 1..999 (Graph's limit), was " + pageSize);
		}
		if (maxConcurrentBatches < 1) {
			throw new IllegalArgumentException(
					"writeback.graph.max-concurrent-batches must be at least 1, was " + maxConcurrentBatches);
		}
		if (maxRetries < 0) {
			throw new IllegalArgumentException(
					"writeback.graph.max-retries must be 0 or more (attempts after the first), was " + maxRetries);
		}
		if (maxRetryWait.isNegative()) {
			throw new IllegalArgumentException(
					"writeback.graph.max-retry-wait " + maxRetryWait + " is negative: give a duration such as 120s");
		}
		// NaN or infinity would leave the pacer's credit NaN (every worker polling until
		// the no-progress timeout), and a rate below 1 write/s (the pacer's floor) would
		// hold a batch of 20 for minutes and end the run blaming Graph
		if (!(maxWritesPerSecond == 0 || maxWritesPerSecond >= 1 && Double.isFinite(maxWritesPerSecond))) {
			throw new IllegalArgumentException("writeback.graph.max-writes-per-second must be 0 (no ceiling) or a "
					+ "number of writes per second of at least 1, was " + maxWritesPerSecond);
		}
	}
}

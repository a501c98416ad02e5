package io.writebackbatch.graph;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds of one Graph read (a listing page, a count, a settings call), retries included.
 * Environment: {@code WRITEBACK_GRAPH_CALL_DEADLINE}.
 *
 * @param deadline the longest one read may take with all its retries; past it the run
 * stops resumable (exit 3)
 */
@ConfigurationProperties("writeback.graph.call")
public record GraphCallProperties(@DefaultValue("5m") Duration deadline) {

	public static final GraphCallProperties DEFAULTS = new GraphCallProperties(Duration.ofMinutes(5));

	public GraphCallProperties {
		if (deadline.isNegative() || deadline.isZero()) {
			throw new IllegalArgumentException("writeback.graph.call.deadline must be positive, was " + deadline);
		}
	}
}

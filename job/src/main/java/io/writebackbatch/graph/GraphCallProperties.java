package io.writebackbatch.graph;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds of one Graph read (a listing page, a count, a settings call), retries included,
 * and of opening a connection. Environment: {@code WRITEBACK_GRAPH_CALL_DEADLINE},
 * {@code WRITEBACK_GRAPH_CALL_CONNECT_TIMEOUT}.
 *
 * @param deadline the longest one read may take with all its retries; past it the run
 * stops resumable (exit 3)
 * @param connectTimeout the longest wait for a connection to Graph to open, the TCP
 * connect and the TLS handshake each
 */
@ConfigurationProperties("writeback.graph.call")
public record GraphCallProperties(@DefaultValue("5m") Duration deadline, @DefaultValue("10s") Duration connectTimeout) {

	public static final GraphCallProperties DEFAULTS = new GraphCallProperties(Duration.ofMinutes(5),
			Duration.ofSeconds(10));

	public GraphCallProperties {
		requirePositive("deadline", deadline);
		requirePositive("connect-timeout", connectTimeout);
	}

	private static void requirePositive(String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("writeback.graph.call." + name + " must be positive, was " + value);
		}
	}
}

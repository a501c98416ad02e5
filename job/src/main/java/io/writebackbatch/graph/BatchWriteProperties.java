package io.writebackbatch.graph;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds of the batched writes.
 *
 * @param callTimeout deadline of one {@code $batch} call, writes and reads by id alike
 * (sending, Graph's work, reading the answer): a batch that never answers counts as "no
 * answer" after this long and is sent again (30 s: no wait goes unlogged for longer)
 * @param noProgressTimeout a run in which Graph confirmed nothing for this long stops,
 * resumable (exit 3)
 */
@ConfigurationProperties("writeback.graph.batch")
public record BatchWriteProperties(@DefaultValue("30s") Duration callTimeout,
		@DefaultValue("10m") Duration noProgressTimeout) {

	/** The defaults, as bound when nothing is configured. */
	public static final BatchWriteProperties DEFAULTS = new BatchWriteProperties(Duration.ofSeconds(30),
			Duration.ofMinutes(10));

	public BatchWriteProperties {
		if (callTimeout.isNegative() || callTimeout.isZero()) {
			throw new IllegalArgumentException(
					"writeback.graph.batch.call-timeout must be positive, was " + callTimeout);
		}
		if (noProgressTimeout.isNegative() || noProgressTimeout.isZero()) {
			throw new IllegalArgumentException(
					"writeback.graph.batch.no-progress-timeout must be positive, was " + noProgressTimeout);
		}
	}
}

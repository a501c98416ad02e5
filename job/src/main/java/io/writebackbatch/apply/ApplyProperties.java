package io.writebackbatch.apply;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param chunkSize groups per checkpoint; at most this many requests are in flight, hence
 * re-sent after a crash
 * @param maxFailures per-group failures (other than 404) tolerated before the run stops
 * as FAILED
 * @param maxFailureShare share of failed changes (0..1) tolerated, judged once 100
 * changes have an outcome and at the end; a run in which every change failed is FAILED
 * whatever this says
 */
@ConfigurationProperties("writeback.apply")
public record ApplyProperties(@DefaultValue("400") int chunkSize, @DefaultValue("50") int maxFailures,
		@DefaultValue("0.1") double maxFailureShare) {

	public ApplyProperties {
		if (!(maxFailureShare >= 0 && maxFailureShare <= 1)) {
			throw new IllegalArgumentException(
					"writeback.apply.max-failure-share must be 0..1, was " + maxFailureShare);
		}
	}
}

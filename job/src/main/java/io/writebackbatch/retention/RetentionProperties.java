package io.writebackbatch.retention;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What {@code prune} keeps (env {@code WRITEBACK_RETENTION_*}).
 *
 * @param maxAge a run that ended longer ago than this is pruned, unless protected
 * @param keepRuns a run beyond the newest this many of its definition is pruned, unless
 * protected
 * @param keepApplies the newest this many applies of each definition are always kept: a
 * rollback reads the previous states they recorded (at least 1)
 * @param afterScheduled prune (for real) after every {@code scheduled} run that
 * completed: on by default, so that a nightly's repository stays flat without anyone
 * remembering to prune
 */
@ConfigurationProperties("writeback.retention")
public record RetentionProperties(@DefaultValue("14d") Duration maxAge, @DefaultValue("14") int keepRuns,
		@DefaultValue("3") int keepApplies, @DefaultValue("true") boolean afterScheduled) {

	public RetentionProperties {
		if (maxAge.isNegative()) {
			throw new IllegalArgumentException("max-age " + maxAge + " is negative: give an age such as 14d");
		}
		if (keepRuns < 0) {
			throw new IllegalArgumentException("keep-runs " + keepRuns + " is negative: give 0 or more");
		}
		// refused here, not only by prune: after 'scheduled', a failed prune is a
		// warning, so the setting would have stopped every night's pruning without an
		// error
		if (keepApplies < 1) {
			throw new IllegalArgumentException("keep-applies " + keepApplies + " would delete the previous states "
					+ "every rollback reads: give 1 or more");
		}
	}
}

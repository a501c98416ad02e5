package io.writebackbatch.runs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param staleAfter an execution still marked STARTED whose last checkpoint is older than
 * this is taken to belong to a process that was killed, and is recovered (marked FAILED,
 * restartable). With the embedded H2 job repository no other process can hold the
 * database while this one does, so a STARTED execution there is always stale.
 * @param repositoryCheckInterval how often a run proves that the job repository answers
 * and its run lock holds
 * @param repositoryCheckTimeout how long one such check may take before the repository
 * counts as failed (the process then exits 3 at once: at most interval + timeout after
 * the repository failed)
 * @param lockLease PostgreSQL: a run lock whose session has been silent this long belongs
 * to a process that is gone (a live run checks its lock every
 * {@code repositoryCheckInterval}); the next run ends that session and takes over
 */
@ConfigurationProperties("writeback.runs")
public record RunsProperties(@DefaultValue("15m") Duration staleAfter,
		@DefaultValue("1s") Duration repositoryCheckInterval, @DefaultValue("6s") Duration repositoryCheckTimeout,
		@DefaultValue("2m") Duration lockLease) {

	public RunsProperties {
		// a check interval of 0 stopped the repository watchdog's scheduler with a bare
		// IllegalArgumentException (exit 1); a stale-after or lease of 0 would take a
		// live run for a killed one
		requirePositive("stale-after", staleAfter);
		requirePositive("repository-check-interval", repositoryCheckInterval);
		requirePositive("repository-check-timeout", repositoryCheckTimeout);
		requirePositive("lock-lease", lockLease);
	}

	private static void requirePositive(String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(
					"writeback.runs." + name + " must be positive, was " + value + ": give a duration such as 30s");
		}
	}

}

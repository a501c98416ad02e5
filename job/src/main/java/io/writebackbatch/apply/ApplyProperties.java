package io.writebackbatch.apply;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;

/**
 * @param chunkSize groups per checkpoint; at most this many requests are in flight, hence
 * re-sent after a crash
 * @param maxFailures per-group failures (other than 404) tolerated before the run stops
 * as FAILED
 * @param maxFailureShare share of failed changes (0..1) tolerated, judged once 100
 * changes have an outcome and at the end; a run in which every change failed is FAILED
 * whatever this says
 * @param maxDuration how long one invocation of an apply may work (from its start, a
 * resumed run's too) before it pauses itself at the next chunk boundary: the run ends
 * STOPPED with its place recorded, {@code scheduled} exits 0 and the next
 * {@code scheduled} (or {@code resume}) continues it, {@code apply} and {@code resume}
 * exit 5; not set: no limit. Set it below the Job's activeDeadlineSeconds so a first run
 * larger than a night spans nights (docs/guide/operations.md#first-run)
 * @param writeRate writes per second {@code plan} divides the planned changes by to tell
 * how long the apply will take: Graph's documented sustained write rate per app and
 * tenant (20/s) unless you measured another (the report's timeline of an earlier apply)
 */
@ConfigurationProperties("writeback.apply")
public record ApplyProperties(@DefaultValue("400") int chunkSize, @DefaultValue("50") int maxFailures,
		@DefaultValue("0.1") double maxFailureShare, @Nullable Duration maxDuration,
		@DefaultValue("20") double writeRate) {

	public ApplyProperties {
		// a chunk of 0 stopped Spring Batch's step builder with a stack trace (exit 1)
		if (chunkSize < 1) {
			throw new IllegalArgumentException(
					"writeback.apply.chunk-size must be at least 1 (groups per checkpoint), was " + chunkSize);
		}
		if (maxFailures < 0) {
			throw new IllegalArgumentException(
					"writeback.apply.max-failures must be 0 or more (failures tolerated), " + "was " + maxFailures);
		}
		if (!(maxFailureShare >= 0 && maxFailureShare <= 1)) {
			throw new IllegalArgumentException(
					"writeback.apply.max-failure-share must be 0..1, was " + maxFailureShare);
		}
		if (maxDuration != null && (maxDuration.isNegative() || maxDuration.isZero())) {
			throw new IllegalArgumentException("writeback.apply.max-duration must be positive, was " + maxDuration
					+ ": give a duration such as 330m, or leave it unset for no limit");
		}
		if (!(writeRate > 0 && Double.isFinite(writeRate))) {
			throw new IllegalArgumentException(
					"writeback.apply.write-rate must be a positive number of writes per second, was " + writeRate);
		}
	}

	/**
	 * The maximum duration as an operator writes it ("330m", "4s"), or "none" when not
	 * set.
	 */
	public String maxDurationText() {
		Duration d = maxDuration;
		if (d == null) {
			return "none";
		}
		for (ChronoUnit unit : List.of(ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS)) {
			if (d.toMillis() % unit.getDuration().toMillis() == 0) {
				return DurationStyle.SIMPLE.print(d, unit);
			}
		}
		return DurationStyle.SIMPLE.print(d, ChronoUnit.MILLIS);
	}
}

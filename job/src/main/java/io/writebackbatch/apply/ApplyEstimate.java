package io.writebackbatch.apply;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How long applying a plan's changes will take: the changes divided by the write rate
 * ({@code writeback.apply.write-rate}, Graph's documented 20 writes/s per app and tenant
 * unless measured otherwise, lowered to {@code writeback.graph.max-writes-per-second}
 * when that ceiling is set), and, with {@code writeback.apply.max-duration}, how many
 * runs of that length it spans. Listing and planning come on top.
 *
 * @param changes the planned changes
 * @param writesPerSecond the rate the estimate divides by
 * @param duration the changes at that rate
 * @param maxDuration the apply's maximum duration per invocation, if set
 */
public record ApplyEstimate(long changes, double writesPerSecond, Duration duration, @Nullable Duration maxDuration) {

	/**
	 * @param ceiling the operator's write ceiling, 0 for none
	 */
	public static ApplyEstimate of(long changes, ApplyProperties apply, double ceiling) {
		double rate = ceiling > 0 ? Math.min(apply.writeRate(), ceiling) : apply.writeRate();
		Duration duration = Duration.ofSeconds((long) Math.ceil(changes / rate));
		return new ApplyEstimate(changes, rate, duration, apply.maxDuration());
	}

	/**
	 * Invocations of {@code maxDuration} the apply needs (nights, for the nightly), 1
	 * without a maximum.
	 */
	public long invocations() {
		Duration limit = maxDuration;
		if (limit == null || changes == 0) {
			return 1;
		}
		return Math.max(1, (duration.toMillis() + limit.toMillis() - 1) / limit.toMillis());
	}

	/**
	 * One line for the operator, e.g. "about 13h 53m at 20 writes/s; 3 runs of 5h30m".
	 */
	public String describe() {
		String rate = writesPerSecond == Math.rint(writesPerSecond) ? Long.toString((long) writesPerSecond)
				: Double.toString(writesPerSecond);
		String line = "apply estimate: " + changes + " changes at " + rate + " writes/s take about " + human(duration);
		Duration limit = maxDuration;
		if (limit != null) {
			line += "; with writeback.apply.max-duration " + human(limit) + " that is " + invocations()
					+ (invocations() == 1 ? " run" : " runs (nights, for the nightly 'scheduled')");
		}
		return line + " (listing and planning come on top; set writeback.apply.write-rate to the rate you measured)";
	}

	private static String human(Duration d) {
		if (d.toHours() > 0) {
			return d.toHours() + "h " + d.toMinutesPart() + "m";
		}
		if (d.toMinutes() > 0) {
			return d.toMinutes() + "m " + d.toSecondsPart() + "s";
		}
		if (d.toSeconds() == 0 && !d.isZero()) {
			// a maximum below a second (e.g. 500ms) is not "0s"
			return d.toMillis() + "ms";
		}
		return d.toSeconds() + "s";
	}

}

package io.writebackbatch.ops;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs progress of long work at a steady interval: count, total when known, rate and ETA.
 */
public final class ProgressLog {

	private static final Logger log = LoggerFactory.getLogger(ProgressLog.class);

	private final String what;

	private final Duration interval;

	private final long startNanos = System.nanoTime();

	private long lastLogNanos = System.nanoTime();

	public ProgressLog(String what, Duration interval) {
		this.what = what;
		this.interval = interval;
	}

	/**
	 * Logs if the interval has passed since the last line; {@code total} may be 0 when
	 * unknown.
	 */
	public synchronized void tick(long done, long total, @Nullable String extra) {
		long now = System.nanoTime();
		if (now - lastLogNanos < interval.toNanos()) {
			return;
		}
		lastLogNanos = now;
		double seconds = (now - startNanos) / 1e9;
		double rate = seconds > 0 ? done / seconds : 0;
		String eta = total > done && rate > 0 ? ", ETA " + formatDuration((long) ((total - done) / rate)) : "";
		log.info("{}: {}{} ({}/s{}){}", what, String.format("%,d", done),
				total > 0 ? String.format(" of %,d", total) : "", String.format("%,.0f", rate), eta,
				extra == null || extra.isEmpty() ? "" : ", " + extra);
	}

	static String formatDuration(long seconds) {
		return seconds >= 3600 ? String.format("%dh%02dm", seconds / 3600, (seconds % 3600) / 60)
				: seconds >= 60 ? String.format("%dm%02ds", seconds / 60, seconds % 60) : seconds + "s";
	}

}

package io.writebackbatch.graph;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits that can be stopped and are never silent: sleeps in slices of at most a second,
 * checks a stop flag between them (nobody interrupts a worker that may be writing
 * outcomes), and logs at least every 30 s while waiting.
 */
final class Pause {

	private static final Logger log = LoggerFactory.getLogger(Pause.class);

	private static final long SLICE_NANOS = 1_000_000_000L;

	private static final long LOG_EVERY_NANOS = 30_000_000_000L;

	private Pause() {
	}

	/** Sleeps {@code wait}; false when {@code stop} said so first. */
	static boolean sleep(Duration wait, String forWhat, BooleanSupplier stop) throws InterruptedException {
		long until = System.nanoTime() + wait.toNanos();
		return until(() -> Duration.ofNanos(Math.max(0, until - System.nanoTime())), forWhat, stop);
	}

	/**
	 * Sleeps while {@code remaining} is positive (it may grow meanwhile); false when
	 * {@code stop} said so first.
	 */
	static boolean until(Supplier<Duration> remaining, String forWhat, BooleanSupplier stop)
			throws InterruptedException {
		long nextLog = System.nanoTime();
		for (long left = remaining.get().toNanos(); left > 0; left = remaining.get().toNanos()) {
			if (stop.getAsBoolean()) {
				return false;
			}
			long now = System.nanoTime();
			if (left >= LOG_EVERY_NANOS && now - nextLog >= 0) {
				log.info("waiting {} s more for {}", Math.round(left / 1e9), forWhat);
				nextLog = now + LOG_EVERY_NANOS;
			}
			long nap = Math.min(left, SLICE_NANOS);
			Thread.sleep(nap / 1_000_000, (int) (nap % 1_000_000));
		}
		return !stop.getAsBoolean();
	}

}

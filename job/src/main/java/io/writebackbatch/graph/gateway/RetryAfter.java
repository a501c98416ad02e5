package io.writebackbatch.graph.gateway;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * {@code Retry-After} as RFC 9110 (10.2.3) defines it: delta-seconds or an HTTP-date.
 * Graph sends decimal seconds ({@code 2.128}), so fractions are accepted too. A date in
 * the past or a negative number means "now" (zero); the caller caps what it waits
 * (max-retry-wait), so an absurd value (a day, a date years ahead) costs at most that.
 */
public final class RetryAfter {

	private RetryAfter() {
	}

	/**
	 * The wait the header asks for, or empty when there is none or it is unreadable (then
	 * back off instead).
	 */
	public static Optional<Duration> parse(@Nullable String header, Instant now) {
		if (header == null || header.isBlank()) {
			return Optional.empty();
		}
		String value = header.strip();
		try {
			double seconds = Double.parseDouble(value);
			if (Double.isNaN(seconds)) {
				return Optional.empty();
			}
			// a double of more than ~292 years of nanoseconds saturates; anything that
			// large is capped by the caller
			return Optional.of(seconds <= 0 ? Duration.ZERO
					: Duration.ofNanos((long) Math.min(seconds * 1e9, (double) Long.MAX_VALUE)));
		}
		catch (NumberFormatException notANumber) {
			try {
				Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				Duration wait = Duration.between(now, at);
				return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
			}
			catch (DateTimeParseException notADate) {
				return Optional.empty();
			}
		}
	}

	/** {@code wait} no longer than {@code max}. */
	public static Duration capped(Duration wait, Duration max) {
		return wait.compareTo(max) > 0 ? max : wait;
	}

}

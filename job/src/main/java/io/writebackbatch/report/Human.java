package io.writebackbatch.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Times, durations and counts as a person reads them in a report, a terminal or a ticket.
 */
final class Human {

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm:ss zzz",
			Locale.ENGLISH);

	private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("HH:mm:ss zzz", Locale.ENGLISH);

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private Human() {
	}

	/**
	 * "Mon 30 Nov 2026 19:02:11 CET (18:02:11 UTC)" in the zone of the machine that
	 * writes the report; just "Mon 30 Nov 2026 18:02:11 UTC" when that zone is UTC.
	 */
	static String time(@Nullable Instant instant, ZoneId zone) {
		return time(instant, zone, LOCAL);
	}

	/**
	 * Like {@link #time}, without the date when {@code end} falls on the same local day
	 * as {@code start}.
	 */
	static String endTime(@Nullable Instant start, @Nullable Instant end, ZoneId zone) {
		boolean sameDay = start != null && end != null
				&& start.atZone(zone).toLocalDate().equals(end.atZone(zone).toLocalDate());
		return time(end, zone, sameDay ? LOCAL_TIME : LOCAL);
	}

	private static String time(@Nullable Instant instant, ZoneId zone, DateTimeFormatter local) {
		if (instant == null) {
			return "not yet";
		}
		String text = local.format(instant.atZone(zone));
		return zone.getRules().getOffset(instant).getTotalSeconds() == 0 ? text
				: text + " (" + UTC.format(instant) + ")";
	}

	/** "0 s", "850 ms", "42 s", "2 min 29 s", "3 h 05 min". */
	static String duration(Duration duration) {
		long seconds = duration.toSeconds();
		if (duration.toMillis() == 0) {
			return "0 s";
		}
		if (seconds < 1) {
			return duration.toMillis() + " ms";
		}
		if (seconds < 60) {
			return seconds + " s";
		}
		if (seconds < 3600) {
			return seconds / 60 + " min " + seconds % 60 + " s";
		}
		return seconds / 3600 + " h " + String.format(Locale.ROOT, "%02d", seconds % 3600 / 60) + " min";
	}

	/** "200,000". */
	static String count(long n) {
		return String.format(Locale.ENGLISH, "%,d", n);
	}

}

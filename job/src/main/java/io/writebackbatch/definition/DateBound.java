package io.writebackbatch.definition;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A createdDateTime bound: a date (midnight UTC) or a date-time with offset. */
public record DateBound(Instant instant) {

	@JsonCreator
	public static DateBound parse(String text) {
		try {
			return new DateBound(text.length() == 10 ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC)
					: OffsetDateTime.parse(text).toInstant());
		}
		catch (DateTimeParseException e) {
			throw new IllegalArgumentException("invalid date '" + text + "': use 2024-01-31 or 2024-01-31T12:00:00Z");
		}
	}

	@JsonValue
	@Override
	public String toString() {
		return instant.toString();
	}
}

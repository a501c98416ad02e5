package io.writebackbatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HumanTests {

	static final Instant START = Instant.parse("2026-11-30T18:02:11.123456789Z");

	@ParameterizedTest
	@CsvSource({ "PT0.85S, 850 ms", "PT42.9S, 42 s", "PT2M29.5S, 2 min 29 s", "PT3H5M1S, 3 h 05 min", "PT0S, 0 s" })
	void durationsReadAsSpoken(Duration duration, String text) {
		assertThat(Human.duration(duration)).isEqualTo(text);
	}

	@Test
	void timesAreLocalWithUtcBesideThem() {
		assertThat(Human.time(START, ZoneId.of("Europe/Zurich")))
			.isEqualTo("Mon 30 Nov 2026 19:02:11 CET (18:02:11 UTC)");
		assertThat(Human.time(START, ZoneId.of("UTC"))).isEqualTo("Mon 30 Nov 2026 18:02:11 UTC");
		assertThat(Human.time(null, ZoneOffset.UTC)).isEqualTo("not yet");
	}

	@Test
	void anEndOnTheSameDayOmitsTheDate() {
		ZoneId zurich = ZoneId.of("Europe/Zurich");
		assertThat(Human.endTime(START, START.plusSeconds(149), zurich)).isEqualTo("19:04:40 CET (18:04:40 UTC)");
		assertThat(Human.endTime(START, START.plus(Duration.ofDays(1)), zurich))
			.isEqualTo("Tue 1 Dec 2026 19:02:11 CET (18:02:11 UTC)");
	}

	@Test
	void countsHaveThousandsSeparators() {
		assertThat(Human.count(200_001)).isEqualTo("200,001");
	}

}

package io.writebackbatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class TimelineChartTests {

	static final Instant T0 = Instant.parse("2026-11-30T18:00:00Z");

	static ApplyTimeline.Sample at(int second, double applied, double throttled, double inFlight) {
		return new ApplyTimeline.Sample(T0.plusSeconds(second), applied, throttled, inFlight);
	}

	@Test
	void countersBecomeRatesAndACounterThatStartsAgainIsReadAsNew() {
		TimelineChart chart = TimelineChart.of(List.of(at(0, 0, 0, 0), at(1, 100, 0, 4), at(2, 300, 5, 4),
				// a resume: a new process, counters from zero, 10 s later
				at(12, 50, 0, 2)));

		assertThat(chart.lines()).extracting(TimelineChart.Line::name)
			.containsExactly("changes/s", "429 answers/s", "requests in flight");
		assertThat(chart.lines().get(0).peak()).isEqualTo("peak 200");
		assertThat(chart.lines().get(1).peak()).isEqualTo("peak 5");
		assertThat(chart.lines().get(2).peak()).isEqualTo("peak 4");
		// changes/s: 100, 200, 5 (50 over 10 s) on a plot 160 high whose top is y=30 and
		// bottom y=190
		assertThat(chart.lines().get(0).points().split(" ")).extracting(p -> p.split(",")[1])
			.containsExactly("110.0", "30.0", "186.0");
		assertThat(chart.ticks()).extracting(TimelineChart.Tick::label)
			.containsExactly("0 s", "3 s", "6 s", "9 s", "12 s");
	}

}

package io.writebackbatch.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ApplyEstimateTests {

	/**
	 * Was "with writeback.apply.max-duration 0s that is 13000 runs": a maximum below a
	 * second (a number without a unit is read as milliseconds) was shown as none at all.
	 */
	@Test
	void aMaximumBelowASecondIsShownAsWritten() {
		ApplyEstimate estimate = new ApplyEstimate(255, 20, Duration.ofSeconds(13), Duration.ofMillis(1));

		assertThat(estimate.describe()).contains("with writeback.apply.max-duration 1ms that is 13000 runs");
	}

	@Test
	void aMaximumOfHoursIsShownInHoursAndMinutes() {
		ApplyEstimate estimate = new ApplyEstimate(1_000_000, 20, Duration.ofSeconds(50_000), Duration.ofMinutes(330));

		assertThat(estimate.describe())
			.contains("take about 13h 53m; with writeback.apply.max-duration 5h 30m that " + "is 3 runs");
	}

}

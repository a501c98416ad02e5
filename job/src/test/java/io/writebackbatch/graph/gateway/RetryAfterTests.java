package io.writebackbatch.graph.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.writebackbatch.graph.ThrottleGate;
import org.junit.jupiter.api.Test;

class RetryAfterTests {

	private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

	@Test
	void deltaSecondsWholeOrFractionalAsGraphSendsThem() {
		assertThat(RetryAfter.parse("2", NOW)).contains(Duration.ofSeconds(2));
		assertThat(RetryAfter.parse(" 2.128 ", NOW)).contains(Duration.ofMillis(2128));
		assertThat(RetryAfter.parse("86400", NOW)).contains(Duration.ofDays(1));
	}

	@Test
	void anHttpDateIsTheTimeUntilThenAndAPastDateOrNegativeNumberMeansNow() {
		assertThat(RetryAfter.parse("Mon, 30 Nov 2026 12:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
		assertThat(RetryAfter.parse("Mon, 30 Nov 2026 11:00:00 GMT", NOW)).contains(Duration.ZERO);
		assertThat(RetryAfter.parse("-5", NOW)).contains(Duration.ZERO);
	}

	@Test
	void absentOrUnreadableIsEmptyAndAbsurdIsCappedByTheCaller() {
		assertThat(RetryAfter.parse(null, NOW)).isEmpty();
		assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
		assertThat(RetryAfter.parse("NaN", NOW)).isEmpty();
		Duration absurd = RetryAfter.parse("1e300", NOW).orElseThrow();
		assertThat(RetryAfter.capped(absurd, Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(120));
	}

	@Test
	void theSharedGateNeverWaitsLongerThanMaxRetryWait() throws Exception {
		ThrottleGate gate = new ThrottleGate(Duration.ofMillis(200));
		gate.block(Duration.ofDays(1));
		long start = System.nanoTime();
		gate.awaitOpen();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
	}

}

package io.writebackbatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The watch over the job repository: a failing or hanging check ends the process with
 * exit 3, a closed watch never.
 */
class RepositoryWatchdogTests {

	private static final Duration INTERVAL = Duration.ofMillis(50);

	private final CountDownLatch exited = new CountDownLatch(1);

	private final AtomicInteger exitCode = new AtomicInteger(-1);

	private final RepositoryWatchdog watchdog = new RepositoryWatchdog(code -> {
		exitCode.set(code);
		exited.countDown();
	});

	private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

	private PrintStream originalErr;

	@BeforeEach
	void captureStderr() {
		originalErr = System.err;
		System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
	}

	@AfterEach
	void restoreStderr() {
		System.setErr(originalErr);
	}

	@Test
	void aFailingCheckEndsTheProcessWithExit3SayingWhy() throws Exception {
		AtomicInteger checks = new AtomicInteger();
		try (AutoCloseable watch = watchdog.watch(() -> {
			if (checks.incrementAndGet() == 3) {
				throw new SQLException("This connection has been closed.");
			}
		}, "disable-all", INTERVAL, Duration.ofSeconds(1))) {
			assertThat(exited.await(5, TimeUnit.SECONDS)).as("exited").isTrue();
		}
		assertThat(exitCode.get()).isEqualTo(3);
		assertThat(stderr.toString(StandardCharsets.UTF_8)).startsWith(
				"error: the job repository failed during the run: This connection has been closed. (run of disable-all); "
						+ "stopping now; the run is resumable (exit 3)");
	}

	@Test
	void aCheckThatHangsIsNotWaitedForBeyondItsTimeout() throws Exception {
		CountDownLatch never = new CountDownLatch(1);
		long start = System.nanoTime();
		try (AutoCloseable watch = watchdog.watch(never::await, "disable-all", INTERVAL, Duration.ofMillis(300))) {
			assertThat(exited.await(5, TimeUnit.SECONDS)).as("exited").isTrue();
		}
		finally {
			never.countDown();
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
		assertThat(exitCode.get()).isEqualTo(3);
		assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("it did not answer within");
	}

	@Test
	void aHealthyRepositoryOrAClosedWatchNeverEndsTheProcess() throws Exception {
		AtomicInteger checks = new AtomicInteger();
		AutoCloseable watch = watchdog.watch(checks::incrementAndGet, "disable-all", INTERVAL, Duration.ofSeconds(1));
		while (checks.get() < 5) {
			Thread.sleep(10);
		}
		watch.close();
		AutoCloseable failingAfterClose = watchdog.watch(() -> {
			throw new SQLException("down");
		}, "disable-all", Duration.ofMillis(200), Duration.ofSeconds(1));
		failingAfterClose.close();

		assertThat(exited.await(600, TimeUnit.MILLISECONDS)).as("exited").isFalse();
		assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
	}

}

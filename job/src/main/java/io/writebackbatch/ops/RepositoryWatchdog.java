package io.writebackbatch.ops;

import io.writebackbatch.failure.ProcessExit;
import io.writebackbatch.failure.FailureKind;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.stereotype.Component;

/**
 * Watches the job repository while a run holds its lock: every interval a
 * {@link RepositoryCheck} must pass within the timeout. When it does not (the H2 file
 * broke or vanished, PostgreSQL restarted or went away, the run lock's session ended),
 * nothing the run does can be recorded any more and nothing can be cleaned up in the
 * repository, so the process says why and ends at once with exit code 3, exactly like a
 * killed process: the next {@code scheduled} or {@code resume} recovers the run from its
 * last checkpoint and re-sends at most what was in flight.
 * <p>
 * The check runs on a thread of its own and is never interrupted (an interrupt inside
 * JDBC breaks H2's file): a check that hangs is simply not waited for beyond its timeout.
 */
@Component
public class RepositoryWatchdog {

	/** Ends the process; replaced in tests of the watchdog itself. */
	interface Exit {

		void exit(int code);

	}

	private final Exit exit;

	public RepositoryWatchdog() {
		this(code -> ProcessExit.halt(code));
	}

	RepositoryWatchdog(Exit exit) {
		this.exit = exit;
	}

	/**
	 * Watches until closed; {@code what} names the run in the message, e.g. "definition
	 * jobs/disable-all.yaml".
	 */
	public AutoCloseable watch(RepositoryCheck check, String what, Duration interval, Duration timeout) {
		ScheduledExecutorService timer = Executors
			.newSingleThreadScheduledExecutor(daemon("writeback-repository-watch"));
		ExecutorService checker = Executors.newSingleThreadExecutor(daemon("writeback-repository-check"));
		AtomicBoolean closed = new AtomicBoolean();
		Runnable tick = () -> {
			CompletableFuture<Void> result = CompletableFuture.runAsync(() -> {
				try {
					check.verify();
				}
				catch (Exception e) {
					throw new CompletionException(e);
				}
			}, checker);
			try {
				result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException e) {
				fail(closed, what, "it did not answer within " + timeout.toSeconds() + " s");
			}
			catch (ExecutionException e) {
				Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause()
						: Objects.requireNonNullElse(e.getCause(), e);
				fail(closed, what, firstLine(cause.getMessage() == null ? cause.toString() : cause.getMessage()));
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt(); // the watch was closed: the run is
													// over
			}
		};
		timer.scheduleWithFixedDelay(tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
		return () -> {
			// plain shutdown: the checker may be inside JDBC and must not be interrupted;
			// both threads are daemons
			closed.set(true);
			timer.shutdown();
			checker.shutdown();
		};
	}

	private void fail(AtomicBoolean closed, String what, String why) {
		if (closed.get()) {
			return; // the run ended meanwhile: its own outcome stands
		}
		String message = failedDuringTheRun(why + " (run of " + what + "); stopping now");
		System.out.flush();
		System.err.println(message);
		System.err.flush();
		exit.exit(FailureKind.TRANSIENT.exitCode());
	}

	/**
	 * What the operator reads when the job repository failed under a run, whoever noticed
	 * first.
	 */
	public static String failedDuringTheRun(String why) {
		return "error: the job repository failed during the run: " + why + "; the run is resumable (exit 3): "
				+ "'scheduled' or 'resume' continues it from its last checkpoint once the database is back";
	}

	private static String firstLine(String text) {
		int newline = text.indexOf('\n');
		return (newline < 0 ? text : text.substring(0, newline)).strip();
	}

	private static ThreadFactory daemon(String name) {
		return runnable -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		};
	}

}

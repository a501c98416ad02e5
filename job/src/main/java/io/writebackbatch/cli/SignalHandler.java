package io.writebackbatch.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.writebackbatch.ops.ExitCodes;
import io.writebackbatch.ops.GracefulShutdown;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The JVM shutdown hook of one command (SIGTERM, e.g. a pod being evicted): asks the run in progress to stop at its
 * next chunk boundary, waits (at most {@code writeback.shutdown.grace-period}) for the command to finish on its own
 * thread (execution STOPPED, partial report written, summary printed, Spring context closed so metrics are pushed
 * and locks released) and then ends the process with the command's exit code (3 for a stopped run) instead of the
 * JVM's 143. Removed again when the command ends normally.
 */
final class SignalHandler {

	private static final Logger log = LoggerFactory.getLogger(SignalHandler.class);

	private static final Duration DEFAULT_GRACE = Duration.ofSeconds(25);

	private final CountDownLatch finished = new CountDownLatch(1);

	private final Thread hook = new Thread(this::onShutdown, "writeback-shutdown");

	private volatile @Nullable ConfigurableApplicationContext context;

	private volatile int exitCode = ExitCodes.RESTARTABLE;

	private volatile boolean shuttingDown;

	private SignalHandler() {
	}

	static SignalHandler install() {
		SignalHandler handler = new SignalHandler();
		Runtime.getRuntime().addShutdownHook(handler.hook);
		return handler;
	}

	void attach(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/** The command is done (context closed): hand its exit code to the hook, or remove the hook. */
	void finished(int code) {
		this.exitCode = code;
		this.context = null;
		finished.countDown();
		if (!shuttingDown) {
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (IllegalStateException e) {
				// the JVM is shutting down: the hook is running and ends the process with this exit code
			}
		}
	}

	private void onShutdown() {
		shuttingDown = true;
		if (finished.getCount() == 0) {
			return; // the command had already ended; a plain exit
		}
		Duration grace = gracePeriod();
		long deadline = System.nanoTime() + grace.toNanos();
		log.warn("shutdown signal received: stopping at the next checkpoint, waiting up to {}s for the run to stop", grace.toSeconds());
		try {
			while (!finished.await(100, TimeUnit.MILLISECONDS)) {
				ConfigurableApplicationContext current = context;
				if (current != null && current.isActive()) {
					try {
						current.getBean(GracefulShutdown.class).requestStop();
					}
					catch (RuntimeException e) {
						// the context is starting or closing; try again on the next tick
					}
				}
				if (System.nanoTime() > deadline) {
					log.warn("the run did not stop within the grace period of {}s; exiting now (the next 'resume' or "
							+ "'scheduled' recovers it from its last checkpoint)", grace.toSeconds());
					System.out.flush();
					System.err.flush();
					Runtime.getRuntime().halt(ExitCodes.RESTARTABLE);
				}
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		System.out.flush();
		System.err.flush();
		// System.exit would block while shutdown hooks run: halt with the command's own exit code
		Runtime.getRuntime().halt(exitCode);
	}

	private Duration gracePeriod() {
		ConfigurableApplicationContext current = context;
		if (current != null) {
			try {
				return current.getBean(GracefulShutdown.class).gracePeriod();
			}
			catch (RuntimeException e) {
				// not ready yet: fall back to the environment
			}
		}
		String configured = System.getenv("WRITEBACK_SHUTDOWN_GRACE_PERIOD");
		try {
			return configured == null || configured.isBlank() ? DEFAULT_GRACE
					: DurationStyle.detectAndParse(configured);
		}
		catch (RuntimeException e) {
			return DEFAULT_GRACE;
		}
	}
}

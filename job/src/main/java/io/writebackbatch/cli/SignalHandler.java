package io.writebackbatch.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.writebackbatch.failure.ProcessExit;
import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.ops.GracefulShutdown;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The process's JVM shutdown hook (SIGTERM, e.g. a pod being evicted, or Ctrl-C),
 * installed first thing in {@code main} so that a signal during start-up is handled too.
 * It asks the run in progress to stop at its next chunk boundary, waits (at most
 * {@code writeback.shutdown.grace-period}) for the command to finish on its own thread
 * (execution STOPPED, partial report written, summary printed, Spring context closed so
 * metrics are pushed and locks released) and then ends the process with the command's
 * exit code (3 for a stopped run) instead of the JVM's 143. A signal that arrives before
 * the run starts keeps it from starting ({@link #stopRequested()}): the command ends with
 * exit 3 having done nothing. Commands run in-process (tests) have no hook:
 * {@link #current()} is then inert.
 */
final class SignalHandler {

	private static final Duration DEFAULT_GRACE = Duration.ofSeconds(25);

	private static final SignalHandler INERT = new SignalHandler();

	private static volatile SignalHandler process = INERT;

	private final CountDownLatch finished = new CountDownLatch(1);

	private final Thread hook = new Thread(this::onShutdown, "writeback-shutdown");

	private volatile @Nullable ConfigurableApplicationContext context;

	private volatile boolean runStarted;

	private volatile int exitCode = FailureKind.TRANSIENT.exitCode();

	private volatile boolean shuttingDown;

	private SignalHandler() {
	}

	/**
	 * Installs the process's hook; {@code main} calls {@link #finished} with the
	 * command's exit code.
	 */
	static SignalHandler install() {
		SignalHandler handler = new SignalHandler();
		Runtime.getRuntime().addShutdownHook(handler.hook);
		process = handler;
		return handler;
	}

	/** The process's handler, or an inert one when the CLI runs in-process. */
	static SignalHandler current() {
		return process;
	}

	/** A command's Spring context is up: a stop request goes to its run from now on. */
	void attach(ConfigurableApplicationContext context) {
		this.context = context;
		this.runStarted = true;
	}

	void detach() {
		this.context = null;
	}

	/**
	 * True once a shutdown signal arrived: a command that has not started its run yet
	 * must not start it.
	 */
	boolean stopRequested() {
		return shuttingDown;
	}

	/** The command is done: hand its exit code to the hook, or remove the hook. */
	void finished(int code) {
		this.exitCode = code;
		this.context = null;
		finished.countDown();
		if (this != INERT && !shuttingDown) {
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (IllegalStateException e) {
				// the JVM is shutting down: the hook is running and ends the process with
				// this exit code
			}
		}
	}

	private void onShutdown() {
		shuttingDown = true;
		if (finished.getCount() == 0) {
			return; // the command had already ended; a plain exit
		}
		// not a static field: logging starts only when a command needs it, and the hook
		// must be installed before that
		Logger log = LoggerFactory.getLogger(SignalHandler.class);
		Duration grace = gracePeriod();
		long deadline = System.nanoTime() + grace.toNanos();
		log.warn("shutdown signal received: stopping at the next checkpoint, waiting up to {}s for the run to stop",
				grace.toSeconds());
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
					if (runStarted) {
						log.warn(
								"the run did not stop within the grace period of {}s; exiting now (the next 'resume' or "
										+ "'scheduled' recovers it from its last checkpoint)",
								grace.toSeconds());
					}
					else {
						WritebackCli.operatorErrors()
							.println("stopped: " + GracefulShutdown.SHUTDOWN_SIGNAL + " arrived during start-up, "
									+ "which did not finish within the grace period of " + grace.toSeconds()
									+ "s; exiting "
									+ "before any run started: nothing was done: run the command again (exit 3)");
					}
					System.out.flush();
					System.err.flush();
					ProcessExit.halt(FailureKind.TRANSIENT.exitCode());
				}
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		System.out.flush();
		System.err.flush();
		// System.exit would block while shutdown hooks run: halt with the command's own
		// exit code
		ProcessExit.halt(exitCode);
	}

	private Duration gracePeriod() {
		ConfigurableApplicationContext current = context;
		if (current != null) {
			try {
				return current.getBean(GracefulShutdown.class).gracePeriod();
			}
			catch (RuntimeException e) {
				// not ready yet: fall back to the system property or the environment
			}
		}
		String configured = System.getProperty("writeback.shutdown.grace-period",
				System.getenv("WRITEBACK_SHUTDOWN_GRACE_PERIOD"));
		try {
			return configured == null || configured.isBlank() ? DEFAULT_GRACE
					: DurationStyle.detectAndParse(configured);
		}
		catch (RuntimeException e) {
			return DEFAULT_GRACE;
		}
	}

}

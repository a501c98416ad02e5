package io.writebackbatch.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.writebackbatch.BuildDirectory;
import io.writebackbatch.OwnExecutionIds;
import io.writebackbatch.cli.WritebackCli;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LoggingSystem;

/**
 * The {@link Lane#IN_PROCESS} lane of {@link PackagedCli}: the command runs through
 * {@link WritebackCli#execute(PrintWriter, PrintWriter, Map, String...)}, the entry point
 * the jar's {@code Main} calls, with the case's Spring settings as its own, its messages
 * and its log (the console appender writes to {@code System.out}, which routes each
 * thread's writes to the command it works for) captured, so a stack trace on either is
 * seen. Commands run side by side, each repository numbering its executions apart
 * ({@link OwnExecutionIds}). Spring Boot's logging set-up is the JVM's: the first command
 * that sets it up runs alone, and once it has, later commands leave it as it is (the same
 * levels, pattern and filters: no case sets {@code logging.*}), since setting it up again
 * under a running command silences that command's log meanwhile.
 */
final class InProcessCli {

	private static final ReentrantReadWriteLock LOGGING = new ReentrantReadWriteLock();

	private static volatile boolean loggingSetUp;

	private static final InheritableThreadLocal<OutputStream> OUT = new InheritableThreadLocal<>();

	private static final InheritableThreadLocal<OutputStream> ERR = new InheritableThreadLocal<>();

	static {
		System.setOut(new PrintStream(new Routed(System.out, OUT), true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(new Routed(System.err, ERR), true, StandardCharsets.UTF_8));
	}

	private InProcessCli() {
	}

	static PackagedCli.Result run(Map<String, String> caseProperties, Duration bound, String... args) {
		Map<String, String> properties = new HashMap<>(caseProperties);
		properties.putIfAbsent("spring.flyway.locations",
				OwnExecutionIds.flywayLocations(BuildDirectory.resolve("in-process-repositories")));
		Lock lock = loggingSetUp ? LOGGING.readLock() : LOGGING.writeLock();
		lock.lock();
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ByteArrayOutputStream err = new ByteArrayOutputStream();
			long started = System.nanoTime();
			FutureTask<Integer> command = new FutureTask<>(() -> {
				OUT.set(out);
				ERR.set(err);
				// not closed: they would close the JVM's System.out and System.err
				PrintWriter outWriter = new PrintWriter(System.out, true);
				PrintWriter errWriter = new PrintWriter(System.err, true);
				try {
					return WritebackCli.execute(outWriter, errWriter, properties, args);
				}
				finally {
					outWriter.flush();
					errWriter.flush();
				}
			});
			Thread thread = new Thread(command, "in-process " + String.join(" ", args));
			try {
				thread.start();
				int code = command.get(bound.toNanos(), TimeUnit.NANOSECONDS);
				noteLoggingSetUp();
				return new PackagedCli.Result(code, text(out), text(err),
						Duration.ofNanos(System.nanoTime() - started));
			}
			catch (TimeoutException e) {
				thread.interrupt();
				throw new AssertionError(String.join(" ", args) + " did not end within " + bound + "; stdout:\n"
						+ text(out) + "\nstderr:\n" + text(err));
			}
			catch (ExecutionException e) {
				throw new AssertionError("the CLI threw instead of exiting: " + String.join(" ", args), e.getCause());
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while running " + String.join(" ", args), e);
			}
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Once a command has set up Spring Boot's logging (its console appender is on the
	 * root logger), later commands leave it as it is.
	 */
	private static void noteLoggingSetUp() {
		if (!loggingSetUp && LoggerFactory.getILoggerFactory() instanceof LoggerContext context
				&& context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE") != null) {
			System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
			loggingSetUp = true;
		}
	}

	/**
	 * Gives Spring Boot its logging set-up back, for the test classes that run after this
	 * one in the JVM (one with {@code logging.file.name} found no file): call it when a
	 * class's in-process commands are done.
	 */
	static void leaveLoggingToSpring() {
		LOGGING.writeLock().lock();
		try {
			if (loggingSetUp) {
				System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
				loggingSetUp = false;
			}
		}
		finally {
			LOGGING.writeLock().unlock();
		}
	}

	private static String text(ByteArrayOutputStream bytes) {
		synchronized (bytes) {
			return bytes.toString(StandardCharsets.UTF_8);
		}
	}

	/**
	 * The JVM's standard stream as each thread sees it: the command the thread works for
	 * (its own, or that of the thread that started it), or the stream itself.
	 */
	private static final class Routed extends OutputStream {

		private final OutputStream standard;

		private final InheritableThreadLocal<OutputStream> command;

		Routed(OutputStream standard, InheritableThreadLocal<OutputStream> command) {
			this.standard = standard;
			this.command = command;
		}

		private OutputStream target() {
			OutputStream own = command.get();
			return own != null ? own : standard;
		}

		@Override
		public void write(int b) throws IOException {
			OutputStream target = target();
			synchronized (target) {
				target.write(b);
			}
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			OutputStream target = target();
			synchronized (target) {
				target.write(b, off, len);
			}
		}

		@Override
		public void flush() throws IOException {
			target().flush();
		}

	}

}

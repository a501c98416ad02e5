package io.writebackbatch.e2e;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.writebackbatch.cli.WritebackCli;

/**
 * The {@link Lane#IN_PROCESS} lane of {@link PackagedCli}: the command runs through
 * {@link WritebackCli#execute(String...)}, the entry point the jar's {@code Main} calls,
 * with the case's Spring properties as system properties and the JVM's stdout and stderr
 * captured (so the logs and the operator's messages land where they land in a process,
 * and a stack trace on either is seen). Properties and the standard streams belong to the
 * whole JVM, so one command runs at a time; the packaged-jar cases run beside it.
 */
final class InProcessCli {

	private static final Object ONE_AT_A_TIME = new Object();

	private InProcessCli() {
	}

	static PackagedCli.Result run(Map<String, String> properties, Duration bound, String... args) {
		synchronized (ONE_AT_A_TIME) {
			PrintStream stdout = System.out;
			PrintStream stderr = System.err;
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ByteArrayOutputStream err = new ByteArrayOutputStream();
			long started = System.nanoTime();
			FutureTask<Integer> command = new FutureTask<>(() -> WritebackCli.execute(args));
			Thread thread = new Thread(command, "in-process " + String.join(" ", args));
			properties.forEach(System::setProperty);
			System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
			System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
			try {
				thread.start();
				int code = command.get(bound.toNanos(), TimeUnit.NANOSECONDS);
				return new PackagedCli.Result(code, out.toString(StandardCharsets.UTF_8),
						err.toString(StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - started));
			}
			catch (TimeoutException e) {
				thread.interrupt();
				throw new AssertionError(String.join(" ", args) + " did not end within " + bound + "; stdout:\n"
						+ out.toString(StandardCharsets.UTF_8) + "\nstderr:\n" + err.toString(StandardCharsets.UTF_8));
			}
			catch (ExecutionException e) {
				throw new AssertionError("the CLI threw instead of exiting: " + String.join(" ", args), e.getCause());
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while running " + String.join(" ", args), e);
			}
			finally {
				System.setOut(stdout);
				System.setErr(stderr);
				properties.keySet().forEach(System::clearProperty);
			}
		}
	}

}

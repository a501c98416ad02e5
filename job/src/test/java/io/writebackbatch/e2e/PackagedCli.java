package io.writebackbatch.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.writebackbatch.JobJvm;
import io.writebackbatch.PackagedJar;
import io.writebackbatch.reliability.JobProcess;

/**
 * The packaged CLI ({@code java -jar job/target/writeback-batch-*.jar}) as its own
 * process, the way an operator runs it: the same shape as {@link Cli} (Spring properties
 * given as {@code -D} options, its own in-memory job repository and report folder), plus
 * the process's real exit code, stdout and stderr, and how long it took. Each run gets a
 * working directory of its own under the given folder. Needs the jar: use it from
 * failsafe {@code *IT} classes. In the {@link Lane#IN_PROCESS} lane a command runs in the
 * test JVM instead ({@link InProcessCli}); what only a process has (starting it and
 * acting on it while it runs, its environment) is refused there, so a case that needs it
 * must declare {@link Lane#PACKAGED_JAR}.
 */
final class PackagedCli {

	/**
	 * A run that takes longer is killed and fails the test: no bad input may hang the
	 * CLI. Generous, as a JVM and Spring start can take tens of seconds on a loaded
	 * 2-core machine; a hang shows as minutes.
	 */
	static final Duration DEFAULT_BOUND = Duration.ofSeconds(150);

	/** A line of a Java stack trace, or its "Caused by" / "... n more" lines. */
	private static final java.util.regex.Pattern TRACE = java.util.regex.Pattern
		.compile("(?m)^\\s+at [\\w$.<>/]+\\(|^Caused by: |^\\s+\\.\\.\\. \\d+ (more|common frames omitted)");

	record Result(int exitCode, String out, String err, Duration elapsed) {

		String all() {
			return out + err;
		}

		/** True when a stack trace reached the terminal (stdout or stderr). */
		boolean showsStackTrace() {
			return TRACE.matcher(out).find() || TRACE.matcher(err).find();
		}
	}

	private final Path dir;

	private final Map<String, String> properties;

	private final Duration bound;

	/**
	 * Environment variables of the run, on top of the test JVM's (whose GRAPH_, AZURE_,
	 * WRITEBACK_... are dropped).
	 */
	private final Map<String, String> env;

	private final Lane lane;

	private final PackagedJar form;

	PackagedCli(String baseUrl, String token, Path dir) {
		this(baseUrl, token, dir, Lane.PACKAGED_JAR);
	}

	PackagedCli(String baseUrl, String token, Path dir, Lane lane) {
		this(dir,
				Map.of("writeback.graph.base-url", baseUrl, "writeback.graph.access-token", token,
						"spring.datasource.url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
						"writeback.report.directory", dir.resolve("reports").toString(),
						"writeback.graph.max-retry-wait", "2s"),
				DEFAULT_BOUND, Map.of(), lane, PackagedJar.IMAGE);
	}

	private PackagedCli(Path dir, Map<String, String> properties, Duration bound, Map<String, String> env, Lane lane,
			PackagedJar form) {
		this.dir = dir;
		this.properties = properties;
		this.bound = bound;
		this.env = env;
		this.lane = lane;
		this.form = form;
	}

	/**
	 * The same CLI from the jar as built ({@code java -jar}, as the README runs it)
	 * rather than as the image starts it.
	 */
	PackagedCli asBuilt() {
		requireProcess("the jar as built");
		return new PackagedCli(dir, properties, bound, env, lane, PackagedJar.AS_BUILT);
	}

	/**
	 * The same CLI with one Spring property replaced (e.g. another token or base URL).
	 */
	PackagedCli with(String property, String value) {
		Map<String, String> changed = new HashMap<>(properties);
		changed.put(property, value);
		return new PackagedCli(dir, Map.copyOf(changed), bound, env, lane, form);
	}

	/**
	 * The same CLI with one environment variable set, as an operator's shell or a
	 * manifest sets it.
	 */
	PackagedCli withEnv(String name, String value) {
		requireProcess("an environment variable");
		Map<String, String> changed = new HashMap<>(env);
		changed.put(name, value);
		return new PackagedCli(dir, properties, bound, Map.copyOf(changed), lane, form);
	}

	/** The same CLI with another time bound for a run. */
	PackagedCli within(Duration timeBound) {
		return new PackagedCli(dir, properties, timeBound, env, lane, form);
	}

	/** How long a run may take before it is killed. */
	Duration bound() {
		return bound;
	}

	/** The folder runs start in (relative paths in arguments resolve against it). */
	Path dir() {
		return dir;
	}

	/**
	 * Runs one command to its end; a run past the time bound is killed and throws
	 * {@link AssertionError}, naming the command and showing what it printed.
	 */
	Result run(String... args) {
		return lane == Lane.IN_PROCESS ? InProcessCli.run(properties, bound, args) : start(args).await();
	}

	/**
	 * Starts one command and returns at once, so that a test can act on the process while
	 * it runs.
	 */
	Started start(String... args) {
		return start(List.of(), args);
	}

	/**
	 * Starts one command as a shell in a terminal would, so that Ctrl-C (SIGINT) reaches
	 * it: a JVM started in the background by a non-interactive shell (as CI may run the
	 * build) ignores SIGINT, and so would every process it starts; perl (in every Debian
	 * base system) puts SIGINT's default action back before running the command.
	 */
	Started startInTerminal(String... args) {
		return start(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\""), args);
	}

	private Started start(List<String> launcher, String... args) {
		requireProcess("a process to act on while it runs");
		try {
			Files.createDirectories(dir);
			Path out = Files.createTempFile(dir, "stdout-", ".txt");
			Path err = Files.createTempFile(dir, "stderr-", ".txt");
			List<String> jvm = new ArrayList<>(JobJvm.OPTIONS);
			properties.forEach((name, value) -> jvm.add("-D" + name + "=" + value));
			ProcessBuilder builder = JobProcess.javaJar(dir, jvm, form, List.of(args));
			builder.command().addAll(0, launcher);
			builder.environment().putAll(env);
			Process process = builder.redirectOutput(out.toFile())
				.redirectError(err.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
				.start();
			return new Started(process, String.join(" ", args), out, err, System.nanoTime(), bound);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A command's process, running. */
	record Started(Process process, String command, Path out, Path err, long startedNanos, Duration bound) {

		/**
		 * Waits until the command has printed {@code text} on stdout; fails when it ends
		 * first or takes more than 120 s.
		 */
		void awaitOutput(String text) throws IOException, InterruptedException {
			long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
			while (!read(out).contains(text)) {
				if (!process.isAlive() || System.nanoTime() > deadline) {
					throw new AssertionError(command + " did not print '" + text + "' "
							+ (process.isAlive() ? "within 120 s" : "before it ended") + "; stdout:\n" + read(out));
				}
				Thread.sleep(200);
			}
		}

		/**
		 * Waits for the end (killing the process past the time bound, which fails the
		 * test).
		 */
		Result await() {
			try {
				if (!process.waitFor(bound.toNanos() - (System.nanoTime() - startedNanos), TimeUnit.NANOSECONDS)) {
					process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
					throw new AssertionError(command + " did not end within " + bound + "; killed. stdout:\n"
							+ read(out) + "\nstderr:\n" + read(err));
				}
				return new Result(process.exitValue(), read(out), read(err),
						Duration.ofNanos(System.nanoTime() - startedNanos));
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while running " + command, e);
			}
		}
	}

	private void requireProcess(String what) {
		if (lane != Lane.PACKAGED_JAR) {
			throw new IllegalStateException(
					"the case needs " + what + ": declare it @Case(Lane.PACKAGED_JAR), its subject is the process");
		}
	}

	private static File nullDevice() {
		return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
	}

	private static String read(Path file) throws IOException {
		return Files.readString(file, StandardCharsets.UTF_8);
	}

}

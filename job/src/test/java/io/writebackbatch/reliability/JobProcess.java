package io.writebackbatch.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.writebackbatch.JobJvm;
import io.writebackbatch.PackagedJar;

/**
 * The packaged job jar ({@code job/target/writeback-batch-*.jar}) run as its own process:
 * {@code java -jar JAR <args>} in a working directory of its own, with only the
 * environment given (nothing inherited that configures the job). Its stdout and stderr
 * go, line by line, to {@code logs/<name>.log} and to memory, so the harness can see
 * which step the job is in ({@code Executing step: [plan]}, logged by Spring Batch at
 * INFO).
 */
public final class JobProcess {

	private static final Pattern STEP = Pattern.compile("Executing step: \\[(\\w+)]");

	/**
	 * JVM options of the job process: every job JVM's, and Spring Batch's step log, which
	 * tells which step the job is in.
	 */
	static final List<String> JVM_OPTIONS = Stream
		.concat(JobJvm.OPTIONS.stream(),
				Stream.of("-Dlogging.level.org.springframework.batch.core.step.AbstractStep=INFO"))
		.toList();

	private final Process process;

	private final String name;

	private final Path log;

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private final Thread pump;

	private final long startNanos = System.nanoTime();

	private volatile String step = "startup";

	private JobProcess(Process process, String name, Path log) {
		this.process = process;
		this.name = name;
		this.log = log;
		this.pump = new Thread(this::pump, "job-output-" + name);
		this.pump.setDaemon(true);
		this.pump.start();
	}

	/**
	 * Starts {@code java -jar JAR args} in {@code dir} with exactly {@code env} on top of
	 * a cleaned environment.
	 */
	static JobProcess start(Path dir, Map<String, String> env, String name, String... args) throws IOException {
		ProcessBuilder builder = javaJar(dir, JVM_OPTIONS, PackagedJar.IMAGE, List.of(args)).redirectErrorStream(true);
		builder.environment().putAll(env);
		Path logs = Files.createDirectories(dir.resolve("logs"));
		return new JobProcess(builder.start(), name, logs.resolve(name + ".log"));
	}

	/**
	 * {@code java OPTIONS -jar JAR args} in {@code dir}, the jar in the form given, with
	 * nothing inherited from this environment that configures the job or the JVM (Graph,
	 * Azure, Spring, writeback and logging settings, Java option variables).
	 */
	public static ProcessBuilder javaJar(Path dir, List<String> jvmOptions, PackagedJar form, List<String> args) {
		ProcessBuilder builder = new ProcessBuilder(form.javaCommand(jvmOptions, args)).directory(dir.toFile());
		builder.environment()
			.keySet()
			.removeIf(k -> k.startsWith("GRAPH_") || k.startsWith("AZURE_") || k.startsWith("SPRING_")
					|| k.startsWith("WRITEBACK_") || k.startsWith("LOGGING_") || k.equals("JAVA_TOOL_OPTIONS")
					|| k.equals("CLASSPATH") || k.equals("_JAVA_OPTIONS") || k.equals("JDK_JAVA_OPTIONS"));
		return builder;
	}

	private void pump() {
		try (BufferedReader in = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
				Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				Matcher m = STEP.matcher(line);
				if (m.find()) {
					step = m.group(1);
				}
				lines.add(line);
				out.write(line);
				out.write('\n');
				out.flush();
			}
		}
		catch (IOException e) {
			// the process was killed while we read: what we have is what it wrote
		}
	}

	String name() {
		return name;
	}

	/** The step the job last said it was executing ("startup" before the first). */
	String step() {
		return step;
	}

	boolean isAlive() {
		return process.isAlive();
	}

	boolean saw(String text) {
		return lines.stream().anyMatch(l -> l.contains(text));
	}

	String output() {
		pumpDone();
		return String.join("\n", lines);
	}

	Path log() {
		return log;
	}

	Duration elapsed() {
		return Duration.ofNanos(System.nanoTime() - startNanos);
	}

	/** SIGKILL: no shutdown hook, no last commit. Returns the exit code (137). */
	int kill() throws InterruptedException {
		process.destroyForcibly();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException(name + " survived SIGKILL for 30 s");
		}
		pumpDone();
		return process.exitValue();
	}

	/**
	 * SIGTERM, then waits up to {@code grace} for the process to end by itself; if it
	 * does not, SIGKILL. Returns the exit code and whether the process ended by itself.
	 */
	Termination terminate(Duration grace) throws InterruptedException {
		process.destroy();
		if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
			pumpDone();
			return new Termination(process.exitValue(), true);
		}
		return new Termination(kill(), false);
	}

	record Termination(int exitCode, boolean endedByItself) {
	}

	/**
	 * Waits for the process to end; past {@code timeout} it is killed and an error names
	 * the log.
	 */
	int awaitExit(Duration timeout) throws InterruptedException {
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			kill();
			throw new AssertionError(name + " did not finish within " + timeout + "; killed. Log: " + log);
		}
		pumpDone();
		return process.exitValue();
	}

	private void pumpDone() {
		try {
			pump.join(10_000);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}

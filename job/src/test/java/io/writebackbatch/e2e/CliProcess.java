package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.writebackbatch.JobJvm;
import io.writebackbatch.PackagedJar;

/**
 * Runs the packaged jar as its own JVM (so it can be killed or sent SIGTERM), with the
 * given environment on top of the test JVM's. Standard output and error are collected
 * separately.
 */
final class CliProcess {

	record Result(int exitCode, String out, String err) {

		String all() {
			return out + err;
		}
	}

	private final Map<String, String> env;

	private CliProcess(Map<String, String> env) {
		this.env = env;
	}

	static CliProcess withEnv(Map<String, String> env) {
		return new CliProcess(new LinkedHashMap<>(env));
	}

	CliProcess with(String name, String value) {
		Map<String, String> changed = new LinkedHashMap<>(env);
		changed.put(name, value);
		return new CliProcess(changed);
	}

	/**
	 * Waits (at most 180 s: a loaded machine starts a JVM slowly) until {@code condition}
	 * holds, failing if the process ends first.
	 */
	static void awaitWhileAlive(Process process, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
		while (!condition.getAsBoolean()) {
			assertThat(process.isAlive()).as("job ended before the point of interest").isTrue();
			assertThat(System.nanoTime()).as("point of interest not reached in time").isLessThan(deadline);
			Thread.sleep(5);
		}
	}

	/** A started process whose output is being collected. */
	static final class Running {

		final Process process;

		// files, not pipes: Process.destroy() (SIGTERM) closes the pipes, and the output
		// after it is what matters
		private final Path out;

		private final Path err;

		Running(Process process, Path out, Path err) {
			this.process = process;
			this.out = out;
			this.err = err;
		}

		Result await() throws Exception {
			assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("process ended in time").isTrue();
			try {
				return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
						Files.readString(err, StandardCharsets.UTF_8));
			}
			finally {
				Files.deleteIfExists(out);
				Files.deleteIfExists(err);
			}
		}

	}

	Result run(String... args) throws Exception {
		return start(args).await();
	}

	Running start(String... args) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(PackagedJar.IMAGE.javaCommand(JobJvm.OPTIONS, List.of(args)));
		// the JVM announces these on stderr ("Picked up ..."); the job's output is what
		// the tests read
		builder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
		builder.environment().putAll(env);
		Path out = Files.createTempFile("writeback-job", ".out");
		Path err = Files.createTempFile("writeback-job", ".err");
		builder.redirectOutput(out.toFile()).redirectError(err.toFile());
		return new Running(builder.start(), out, err);
	}

}

package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the CLI as its own JVM (so it can be killed or sent SIGTERM), with the given environment on top of the test
 * JVM's. Standard output and error are collected separately.
 */
final class JobProcess {

	record Result(int exitCode, String out, String err) {

		String all() {
			return out + err;
		}
	}

	private final Map<String, String> env;

	private JobProcess(Map<String, String> env) {
		this.env = env;
	}

	static JobProcess withEnv(Map<String, String> env) {
		return new JobProcess(new LinkedHashMap<>(env));
	}

	JobProcess with(String name, String value) {
		Map<String, String> changed = new LinkedHashMap<>(env);
		changed.put(name, value);
		return new JobProcess(changed);
	}

	/** A started process whose output is being collected. */
	static final class Running {

		final Process process;

		private final CompletableFuture<String> out;

		private final CompletableFuture<String> err;

		Running(Process process) {
			this.process = process;
			this.out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
			this.err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
		}

		Result await() throws Exception {
			assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("process ended in time").isTrue();
			return new Result(process.exitValue(), out.get(30, TimeUnit.SECONDS), err.get(30, TimeUnit.SECONDS));
		}

		private static String read(InputStream stream) {
			try {
				return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
	}

	Result run(String... args) throws Exception {
		return start(args).await();
	}

	Running start(String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				"io.writebackbatch.cli.WritebackCli"));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().putAll(env);
		return new Running(builder.start());
	}
}

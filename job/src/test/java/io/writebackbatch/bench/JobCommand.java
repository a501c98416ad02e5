package io.writebackbatch.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the benchmarks start the job: the CLI as a JVM of its own from the test class path
 * (so its heap, RSS and CPU are its own), in a working folder, its output to a log file,
 * with the given environment on top of this JVM's.
 */
final class JobCommand {

	private JobCommand() {
	}

	/**
	 * Starts {@code apply --definition <definition>}; {@code jvmOptions} come before the
	 * class path.
	 */
	static Process apply(Path work, Path definition, Map<String, String> env, Path log, String... jvmOptions)
			throws IOException {
		return start(work, env, log, List.of(jvmOptions), "apply", "--definition", definition.toString());
	}

	/** Starts {@code writeback-batch <arguments>}. */
	static Process start(Path work, Map<String, String> env, Path log, List<String> jvmOptions, String... arguments)
			throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.writebackbatch.cli.WritebackCli"));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(env);
		return builder.start();
	}

}

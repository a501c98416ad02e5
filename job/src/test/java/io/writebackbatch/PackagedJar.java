package io.writebackbatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged job jar ({@code job/target/writeback-batch-*.jar}) as a test starts it, in
 * one of two forms. A job JVM's start-up is most of a short command's CPU time, and
 * class-data sharing about halves it (a {@code plan} on a busy 2-core machine: 8.4 s of
 * CPU from the jar as built, 4.8 s extracted with the archive); classes inside the jar's
 * nested jars cannot be archived, so the archive needs the extracted form, which is also
 * the form the image runs (k8s/image/Dockerfile).
 */
public enum PackagedJar {

	/**
	 * {@code java -jar job/target/writeback-batch-*.jar}, as the README's first command
	 * runs it.
	 */
	AS_BUILT,

	/**
	 * Extracted by Spring Boot's jarmode tools into {@code job/target/jar-cds/} and
	 * started with one class-data-sharing archive, trained once per build by a
	 * {@code demo} on a small simulated tenant.
	 */
	EXTRACTED_WITH_ARCHIVE;

	/** A training run that takes longer is broken, not slow. */
	private static final Duration TRAINING_BOUND = Duration.ofMinutes(5);

	/**
	 * The command line after {@code java} and the JVM options: how the JVM finds the job.
	 */
	public List<String> launch() {
		try {
			if (this == AS_BUILT) {
				return List.of("-jar", built().toString());
			}
			Path archive = archive();
			// the JVM would warn on stdout about classes it cannot archive or a stale
			// archive; a command's output is what the tests read
			return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds*=off", "-jar",
					extracted().resolve(built().getFileName()).toString());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * {@code java OPTIONS <launch> ARGS}: the one command line of every job process a
	 * test starts.
	 */
	public List<String> javaCommand(List<String> jvmOptions, List<String> args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(launch());
		command.addAll(args);
		return command;
	}

	/** The one packaged jar in target/ ({@code mvn verify} packages before failsafe). */
	public static Path built() throws IOException {
		Path target = BuildDirectory.path();
		try (Stream<Path> files = Files.list(target)) {
			List<Path> jars = files.filter(f -> f.getFileName().toString().matches("writeback-batch-.*\\.jar"))
				.toList();
			if (jars.size() != 1) {
				throw new IllegalStateException("expected exactly one packaged jar in " + target
						+ " (run `mvn verify`, which packages first), found " + jars);
			}
			return jars.get(0);
		}
	}

	private static Path extracted() {
		return BuildDirectory.resolve("jar-cds");
	}

	/**
	 * The archive, made once per packaged jar; test JVMs that run side by side take turns
	 * through a file lock, and the later ones find it made.
	 */
	private static synchronized Path archive() throws IOException {
		Path archive = extracted().resolve("job.jsa");
		Path lock = BuildDirectory.resolve("jar-cds.lock");
		try (FileChannel turn = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
				FileLock turnTaken = turn.lock()) {
			if (!Files.exists(archive)
					|| Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(built())) < 0) {
				extractAndTrain(archive);
			}
		}
		return archive;
	}

	private static void extractAndTrain(Path archive) throws IOException {
		Path dir = extracted();
		if (Files.exists(dir)) {
			try (Stream<Path> old = Files.walk(dir)) {
				old.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
			}
		}
		run(List.of("-Djarmode=tools", "-jar", built().toString(), "extract", "--destination", dir.toString()),
				BuildDirectory.path());
		Path training = Files.createTempDirectory("writeback-cds-training-");
		Path partial = dir.resolve("job.jsa.partial");
		List<String> train = new ArrayList<>(JobJvm.OPTIONS);
		train.addAll(List.of("-XX:ArchiveClassesAtExit=" + partial, "-jar",
				dir.resolve(built().getFileName()).toString(), "demo", "--groups", "40", "--definition",
				Path.of("jobs", "disable-all.yaml").toAbsolutePath().toString()));
		run(train, training);
		Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
	}

	private static void run(List<String> javaArgs, Path directory) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(javaArgs);
		Path output = Files.createTempFile("writeback-cds-", ".log");
		Process process = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		try {
			boolean ended = process.waitFor(TRAINING_BOUND.toSeconds(), TimeUnit.SECONDS);
			if (!ended || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " failed ("
						+ (ended ? "exit " + process.exitValue() : "no end within " + TRAINING_BOUND) + "):\n"
						+ Files.readString(output));
			}
		}
		catch (InterruptedException e) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while preparing the packaged jar", e);
		}
	}

}

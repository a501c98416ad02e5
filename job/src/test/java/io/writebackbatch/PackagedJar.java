package io.writebackbatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.writebackbatch.k8s.ImageSteps;

/**
 * The packaged job jar ({@code job/target/writeback-batch-*.jar}) as a test starts it, in
 * one of two forms. A job JVM's start-up is most of a short command's CPU time, and
 * class-data sharing about halves it (a {@code plan} on a busy 2-core machine: 8.4 s of
 * CPU from the jar as built, 4.8 s extracted with the archive); classes inside the jar's
 * nested jars cannot be archived, so the archive needs the extracted form, which is the
 * form the image runs.
 */
public enum PackagedJar {

	/**
	 * {@code java -jar job/target/writeback-batch-*.jar}, as the README's first command
	 * runs it.
	 */
	AS_BUILT,

	/**
	 * As the image starts it: k8s/image/Dockerfile followed without Docker into
	 * {@code job/target/image/} once per build ({@link ImageSteps#shared()}: the jar
	 * extracted into layers, the class-data-sharing archive trained by the Dockerfile's
	 * own training run), started by its ENTRYPOINT.
	 */
	IMAGE;

	/**
	 * {@code java OPTIONS <the jar> ARGS}: the one command line of every job process a
	 * test starts.
	 */
	public List<String> javaCommand(List<String> jvmOptions, List<String> args) {
		if (this == IMAGE) {
			return ImageSteps.shared().entrypoint(jvmOptions, args);
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		try {
			command.addAll(List.of("-jar", built().toString()));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		command.addAll(args);
		return command;
	}

	/**
	 * The build that packaged the jar ran offline ({@code mvn -o}), when CycloneDX skips
	 * the SBOM (the failsafe configuration passes {@code maven.build}).
	 */
	public static boolean packagedOffline() {
		return "offline-true".equals(System.getProperty("maven.build"));
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

}

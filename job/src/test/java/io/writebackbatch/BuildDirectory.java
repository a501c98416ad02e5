package io.writebackbatch;

import java.nio.file.Path;

/**
 * The job module's build directory ({@code job/target}), where tests write what they keep
 * (catalogue, reports, benchmark tables) and find the packaged jar. The tests run from
 * the repository root, so that {@code jobs/}, {@code config/} and {@code k8s/} resolve as
 * in an operator's shell; surefire and failsafe name this directory in
 * {@code writeback.build.directory}.
 */
public final class BuildDirectory {

	private BuildDirectory() {
	}

	/**
	 * The build directory, absolute; {@code job/target} of the working directory when run
	 * outside Maven.
	 */
	public static Path path() {
		String configured = System.getProperty("writeback.build.directory");
		return (configured != null) ? Path.of(configured).toAbsolutePath() : Path.of("job", "target").toAbsolutePath();
	}

	/** A path under the build directory, e.g. {@code resolve("bench")}. */
	public static Path resolve(String other) {
		return path().resolve(other);
	}

}

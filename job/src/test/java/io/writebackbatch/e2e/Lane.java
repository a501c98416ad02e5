package io.writebackbatch.e2e;

import java.lang.reflect.Method;

/**
 * Where a catalogue case runs the CLI. A JVM and Spring start per case cost about half of
 * the default test run, so a case runs in the test JVM unless the process itself is what
 * it proves; {@code mvn -Pfull verify} ({@code writeback.catalogue.lane=packaged-jar})
 * runs every case through the packaged jar, as before a release.
 */
enum Lane {

	/**
	 * The CLI's own entry point in the test JVM, one command at a time, with its stdout
	 * and stderr captured ({@link InProcessCli}): definition problems, input bounds,
	 * Graph answers, listing, pacing, change-control refusals.
	 */
	IN_PROCESS,

	/**
	 * The packaged jar as its own process ({@link PackagedCli}; started as the image
	 * starts it, see {@link io.writebackbatch.PackagedJar}): signals, kills, locks held
	 * by another process, environment variables, the working directory, start-up that
	 * only a real process shows.
	 */
	PACKAGED_JAR;

	/**
	 * The system property with which the {@code full} profile sends every case through
	 * the jar.
	 */
	static final String PROPERTY = "writeback.catalogue.lane";

	/**
	 * The lane a case runs in: its declared one, or the jar for every case under
	 * {@code -Pfull}.
	 */
	static Lane of(Method testMethod) {
		if ("packaged-jar".equals(System.getProperty(PROPERTY))) {
			return PACKAGED_JAR;
		}
		PackagedCatalogue.Case declared = testMethod.getAnnotation(PackagedCatalogue.Case.class);
		return declared == null ? PACKAGED_JAR : declared.value();
	}

}

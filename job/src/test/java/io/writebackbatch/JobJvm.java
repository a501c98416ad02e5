package io.writebackbatch;

import java.util.List;

/**
 * The one set of JVM options of every job process a test starts (the packaged jar, or the
 * CLI on the test classpath): on a busy 2-core machine start-up dominates a command's
 * time, and C1 alone with the serial collector halves its CPU time (about 5 s instead of
 * 10 s for a command that does little); 512 MB is what a test's tenant of at most a few
 * thousand groups needs.
 */
public final class JobJvm {

	public static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m");

	private JobJvm() {
	}

}

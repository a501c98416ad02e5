package io.writebackbatch.k8s;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A command-line tool the k8s tests run (kubectl, promtool): from its environment
 * variable, else the PATH.
 */
final class Executables {

	private Executables() {
	}

	static Optional<String> find(String name, String environmentVariable) {
		String explicit = System.getenv(environmentVariable);
		if (explicit != null && !explicit.isBlank()) {
			return Optional.of(explicit);
		}
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(dir, name);
			if (Files.isExecutable(candidate)) {
				return Optional.of(candidate.toString());
			}
		}
		return Optional.empty();
	}

}

package io.writebackbatch.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import io.writebackbatch.BuildDirectory;

/**
 * Does what k8s/image/Dockerfile does, without Docker: extracts the packaged jar with
 * Boot's jarmode tools, copies the layers into one directory in the Dockerfile's order
 * and starts the launcher there. Runs in {@code mvn verify} (failsafe), after
 * {@code package}; a surefire run that picks it up through
 * {@code -Dtest=io.writebackbatch.k8s.**} skips it, since no jar is packaged in the test
 * phase.
 */
@EnabledIfSystemProperty(named = "writeback.it", matches = "true",
		disabledReason = "needs the packaged jar: runs in mvn verify (failsafe)")
class LayeredJarIT {

	static final String LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

	@TempDir
	static Path work;

	static Path app;

	@BeforeAll
	static void extractLikeTheDockerfile() throws Exception {
		Path jar = packagedJar();
		Path extracted = work.resolve("extracted");
		Result extract = java(work, List.of("-Djarmode=tools", "-jar", jar.toString(), "extract", "--layers",
				"--launcher", "--destination", extracted.toString()));
		assertEquals(0, extract.exit(), "jarmode tools extract failed:\n" + extract.output());

		try (Stream<Path> dirs = Files.list(extracted)) {
			assertThat(dirs.map(d -> d.getFileName().toString()))
				.as("the jar's layers are the ones the Dockerfile copies")
				.containsExactlyInAnyOrderElementsOf(Dockerfile.read().copiedLayers());
		}
		app = work.resolve("app");
		for (String layer : Dockerfile.read().copiedLayers()) {
			copyTree(extracted.resolve(layer), app);
		}
	}

	@Test
	void layersHoldTheLoaderTheLibrariesAndTheApplication() {
		assertThat(app.resolve("org/springframework/boot/loader/launch/JarLauncher.class")).isRegularFile();
		assertThat(app.resolve("BOOT-INF/lib")).isDirectory();
		assertThat(app.resolve("BOOT-INF/classes/io/writebackbatch")).isDirectory();
		assertThat(app.resolve("META-INF/MANIFEST.MF")).content().contains("Start-Class: io.writebackbatch.");
	}

	/**
	 * The launcher starts and finds the Start-Class. Tolerant on purpose while the CLI
	 * main class is not on this branch: the stricter {@link #helpListsTheCommands()}
	 * replaces it once the CLI is merged.
	 */
	@Test
	void launcherStartsTheApplicationsMainClass() throws Exception {
		Result run = java(app, List.of(LAUNCHER, "--help"));
		assertThat(run.output()).as("the JVM found the launcher and the launcher found the Start-Class")
			.doesNotContain("Could not find or load main class")
			.doesNotContain("No 'Start-Class'")
			.doesNotContain("ClassNotFoundException: io.writebackbatch")
			.doesNotContain("NoSuchMethodException: io.writebackbatch");
	}

	@Test
	void helpListsTheCommands() throws Exception {
		Result run = java(app, List.of(LAUNCHER, "--help"));
		assertEquals(0, run.exit(), run.output());
		assertThat(run.output()).contains("plan").contains("apply").contains("resume").contains("scheduled");
	}

	record Result(int exit, String output) {
	}

	/**
	 * Runs this JVM's java in dir, like the image's ENTRYPOINT (no -cp: the working
	 * directory is the classpath).
	 */
	static Result java(Path dir, List<String> args) throws IOException, InterruptedException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		List<String> command = Stream.concat(Stream.of(java.toString()), args.stream()).toList();
		ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
		pb.environment().remove("CLASSPATH");
		pb.environment().remove("JAVA_TOOL_OPTIONS");
		Path log = Files.createTempFile(work, "java", ".log");
		pb.redirectOutput(log.toFile());
		Process p = pb.start();
		if (!p.waitFor(3, TimeUnit.MINUTES)) {
			p.destroyForcibly();
			throw new AssertionError(
					String.join(" ", command) + " did not finish in 3 minutes:\n" + Files.readString(log));
		}
		return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
	}

	static Path packagedJar() throws IOException {
		Path target = BuildDirectory.path();
		try (Stream<Path> files = Files.list(target)) {
			List<Path> jars = files.filter(f -> f.getFileName().toString().matches("writeback-batch-.*\\.jar"))
				.toList();
			assertThat(jars).as("exactly one packaged jar in target/ (run `mvn verify`, which packages first)")
				.hasSize(1);
			return jars.get(0);
		}
	}

	static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path source : (Iterable<Path>) files::iterator) {
				Path target = to.resolve(from.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

}

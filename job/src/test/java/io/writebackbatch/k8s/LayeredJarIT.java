package io.writebackbatch.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.writebackbatch.PackagedJar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Builds what k8s/image/Dockerfile builds, without Docker ({@link ImageSteps}): the
 * packaged jar extracted into layers, the layers copied in the Dockerfile's order, the
 * class-data-sharing training run; then starts the job exactly as the ENTRYPOINT says.
 * Runs in {@code mvn verify} (failsafe), after {@code package}; a surefire run that picks
 * it up through {@code -Dtest=io.writebackbatch.k8s.**} skips it, since no jar is
 * packaged in the test phase.
 */
@EnabledIfSystemProperty(named = "writeback.it", matches = "true",
		disabledReason = "needs the packaged jar: runs in mvn verify (failsafe)")
class LayeredJarIT {

	/**
	 * Makes the JVM fail when it cannot map the archive, instead of starting without it;
	 * the proof that the ENTRYPOINT's start used the archive. Tests only: the image must
	 * start even with a stale archive.
	 */
	private static final String ARCHIVE_REQUIRED = "-Xshare:on";

	static ImageSteps image;

	/**
	 * The image every job process of the tests runs from; built by the first test that
	 * needs it.
	 */
	@BeforeAll
	static void buildLikeTheDockerfile() {
		image = ImageSteps.shared();
	}

	@Test
	void ranTheExtractionAndTheTrainingRun() {
		assertThat(image.ran()).hasSize(2);
		assertThat(image.ran().get(0)).contains("-Djarmode=tools").contains(" extract ").doesNotContain("--launcher");
		assertThat(image.ran().get(1)).contains("-XX:ArchiveClassesAtExit=" + archive()).contains(" demo ");
	}

	@Test
	void layersHoldTheApplicationJarItsLibrariesAndTheArchive() throws Exception {
		try (Stream<Path> dirs = Files.list(image.inside("/builder/extracted"))) {
			assertThat(dirs.map(d -> d.getFileName().toString()))
				.as("the jar's layers are the ones the Dockerfile copies")
				.containsExactlyInAnyOrderElementsOf(Dockerfile.read().copiedLayers());
		}
		Path app = image.workdir();
		assertThat(app.resolve("application.jar")).isRegularFile();
		if (!PackagedJar.packagedOffline()) {
			// an offline build packages no SBOM (SbomIT.assumeAnOnlineBuild)
			try (JarFile application = new JarFile(app.resolve("application.jar").toFile())) {
				assertThat(application.getJarEntry("META-INF/sbom/application.cdx.json"))
					.as("the SBOM ships in the image")
					.isNotNull();
			}
		}
		try (Stream<Path> libraries = Files.list(app.resolve("lib"))) {
			assertThat(libraries.map(l -> l.getFileName().toString())).anyMatch(l -> l.startsWith("spring-batch-core-"))
				.anyMatch(l -> l.startsWith("writeback-batch-simulator-"));
		}
		assertThat(image.inside(archive())).isRegularFile();
		assertThat(image.inside("/tmp/cds-training")).as("the training run's scratch folder is removed").doesNotExist();
	}

	@Test
	void entrypointStartsTheJobOnTheArchiveWithPureJsonStdout() throws Exception {
		ImageSteps.Result help = start("--help");
		assertEquals(0, help.exit(), help.stdout() + help.stderr());
		assertThat(help.stdout()).contains("plan").contains("apply").contains("resume").contains("scheduled");
		assertNoJvmLines(help.stdout());

		ImageSteps.Result runs = start("runs");
		assertEquals(0, runs.exit(), runs.stdout() + runs.stderr());
		assertNoJvmLines(runs.stdout());
		assertThat(runs.stdout().lines().filter(l -> l.startsWith("{")))
			.as("the log lines a command writes are JSON documents")
			.allMatch(l -> l.endsWith("}"));
	}

	/**
	 * The image's JVM differs from the one that trained the archive (a rebuilt base
	 * image) or a jar changed: the job starts anyway, and stdout stays free of the JVM's
	 * warning, which it would print without {@code -Xlog:cds*=off}.
	 */
	@Test
	void aStaleArchiveStillStartsTheJobWithPureStdout() throws Exception {
		Path jar = image.workdir().resolve("application.jar");
		FileTime built = Files.getLastModifiedTime(jar);
		Files.setLastModifiedTime(jar, FileTime.fromMillis(built.toMillis() + 60_000));
		try {
			ImageSteps.Result required = start("--help");
			assertThat(required.exit()).as("the archive cannot be mapped, so -Xshare:on must fail").isNotZero();

			ImageSteps.Result stale = ImageSteps.run(image.entrypoint(List.of(), List.of("--help")), image.workdir());
			assertEquals(0, stale.exit(), stale.stdout() + stale.stderr());
			assertNoJvmLines(stale.stdout());

			List<String> loud = image.entrypoint(List.of(), List.of("--help"));
			loud.remove("-Xlog:cds*=off");
			assertThat(ImageSteps.run(loud, image.workdir()).stdout())
				.as("the JVM's warning the ENTRYPOINT's -Xlog:cds*=off keeps out of stdout")
				.contains("[cds");
		}
		finally {
			Files.setLastModifiedTime(jar, built);
		}
	}

	private static ImageSteps.Result start(String... args) throws Exception {
		return ImageSteps.run(image.entrypoint(List.of(ARCHIVE_REQUIRED), List.of(args)), image.workdir());
	}

	/** The archive the ENTRYPOINT maps, as an image path. */
	private static String archive() {
		String entrypoint = Dockerfile.read().last().all("ENTRYPOINT").get(0).arguments();
		Matcher option = Pattern.compile("-XX:SharedArchiveFile=([^\"]+)").matcher(entrypoint);
		assertThat(option.find()).as("the ENTRYPOINT maps an archive: " + entrypoint).isTrue();
		return option.group(1);
	}

	private static void assertNoJvmLines(String stdout) {
		assertThat(stdout.lines()).as("stdout carries the job's output, not the JVM's warnings")
			.noneMatch(line -> line.matches("^\\[[\\d.]+s\\]\\[\\w+\\].*"))
			.noneMatch(line -> line.contains("shared archive"));
	}

}

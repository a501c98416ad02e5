package io.writebackbatch.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import io.writebackbatch.PackagedJar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged jar carries a CycloneDX SBOM of what it ships (the build's
 * cyclonedx-maven-plugin, picked up by Boot's repackage): every library in the jar is
 * named in it with the version the jar holds, so a scanner that reads the SBOM sees what
 * runs.
 */
@EnabledIfSystemProperty(named = "writeback.it", matches = "true",
		disabledReason = "needs the packaged jar: runs in mvn verify (failsafe)")
class SbomIT {

	/**
	 * Where Boot puts it, in the jar as built and in the image's extracted application
	 * jar.
	 */
	static final String LOCATION = "META-INF/sbom/application.cdx.json";

	/**
	 * Libraries Boot's repackage adds to the jar, which no project dependency brings: the
	 * jarmode tools that extract the image's layers.
	 */
	private static final String ADDED_BY_REPACKAGE = "spring-boot-jarmode-tools-";

	static JsonNode sbom;

	static List<String> libraries = new ArrayList<>();

	/**
	 * CycloneDX's makeAggregateBom skips itself in an offline build ({@code mvn -o}), so
	 * a jar packaged offline has no SBOM: the checks run in an online build (CI's).
	 */
	static void assumeAnOnlineBuild() {
		assumeFalse(PackagedJar.packagedOffline(),
				"the jar was packaged offline (mvn -o), when CycloneDX skips the SBOM: build online to check it");
	}

	@BeforeAll
	static void readTheJar() throws IOException {
		assumeAnOnlineBuild();
		try (JarFile jar = new JarFile(PackagedJar.built().toFile())) {
			assertThat(jar.getManifest().getMainAttributes().getValue("Sbom-Location"))
				.as("Boot names the SBOM in the manifest")
				.isEqualTo(LOCATION);
			JarEntry entry = jar.getJarEntry(LOCATION);
			assertThat(entry).as(LOCATION + " in the jar").isNotNull();
			try (InputStream in = jar.getInputStream(entry)) {
				sbom = JsonMapper.builder().build().readTree(in);
			}
			Collections.list(jar.entries())
				.stream()
				.map(JarEntry::getName)
				.filter(name -> name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar"))
				.map(name -> name.substring("BOOT-INF/lib/".length()))
				.forEach(libraries::add);
		}
	}

	@Test
	void isACycloneDxBomOfThisApplication() {
		assertThat(sbom.path("bomFormat").asString()).isEqualTo("CycloneDX");
		assertThat(sbom.path("metadata").path("component").path("name").asString()).isEqualTo("writeback-batch");
	}

	@Test
	void namesTheLibrariesTheJobRunsOnWithTheirVersions() {
		assertThat(component("spring-batch-core")).as("spring-batch-core with a version").isNotBlank();
		assertThat(component("azure-identity")).as("azure-identity with a version").isNotBlank();
		assertThat(libraries).contains("spring-batch-core-" + component("spring-batch-core") + ".jar",
				"azure-identity-" + component("azure-identity") + ".jar");
	}

	@Test
	void namesEveryLibraryInTheJarWithTheVersionTheJarHolds() {
		List<String> named = new ArrayList<>();
		for (JsonNode component : sbom.path("components")) {
			named.add(component.path("name").asString() + "-" + component.path("version").asString());
		}
		assertThat(libraries).isNotEmpty();
		assertThat(libraries.stream().filter(library -> !library.startsWith(ADDED_BY_REPACKAGE)))
			.as("libraries in BOOT-INF/lib the SBOM does not name with that version")
			.allMatch(
					library -> named.stream().anyMatch(n -> library.equals(n + ".jar") || library.startsWith(n + "-")));
	}

	/** The version the SBOM gives a component, empty when it names none. */
	private static String component(String name) {
		for (JsonNode component : sbom.path("components")) {
			if (component.path("name").asString().equals(name)) {
				return component.path("version").asString();
			}
		}
		return "";
	}

}

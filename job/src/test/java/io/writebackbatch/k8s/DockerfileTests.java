package io.writebackbatch.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Sanity of k8s/image/Dockerfile; no image can be built on these machines. */
class DockerfileTests {

	private final Dockerfile dockerfile = Dockerfile.read();

	/**
	 * One base for both stages, a build argument a release sets to the tag pinned by
	 * digest (docs/guide/kubernetes.md); the class-data-sharing archive is only valid on
	 * the JVM that trained it, so the stages must not differ.
	 */
	@Test
	void buildsInTwoStagesOnOneJre17BaseGivenAsABuildArgument() {
		assertThat(dockerfile.stages()).hasSize(2);
		Dockerfile.Stage builder = dockerfile.stages().get(0);
		assertEquals("builder", builder.name());
		assertEquals("eclipse-temurin:17-jre", dockerfile.globalArgs().get("BASE_IMAGE"));
		assertEquals("eclipse-temurin:17-jre", builder.from());
		assertEquals("eclipse-temurin:17-jre", dockerfile.last().from());
	}

	/** Without the launcher: plain jars, whose classes Java 17 can archive. */
	@Test
	void extractsTheLayeredJarIntoAnApplicationJarAndItsLibraries() {
		List<String> runs = dockerfile.stages()
			.get(0)
			.all("RUN")
			.stream()
			.map(Dockerfile.Instruction::arguments)
			.toList();
		assertThat(runs).anySatisfy(run -> assertThat(run).contains("java -Djarmode=tools -jar")
			.contains(" extract ")
			.contains("--layers")
			.doesNotContain("--launcher")
			.contains("--destination"));
	}

	@Test
	void copiesTheLayersFromLeastToMostOftenChanged() {
		assertEquals(Dockerfile.LAYERS, dockerfile.copiedLayers());
		List<String> instructions = dockerfile.last()
			.instructions()
			.stream()
			.map(Dockerfile.Instruction::arguments)
			.toList();
		int application = instructions.indexOf("--from=builder /builder/extracted/application/ ./");
		int training = instructions.indexOf(archiveTraining().arguments());
		assertThat(training).as("the archive, made from the application's jars, comes after them")
			.isGreaterThan(application);
	}

	/**
	 * The training run writes the archive the ENTRYPOINT maps, with the ENTRYPOINT's JVM
	 * options, from the same jar path (the JVM checks the class path against the
	 * archive's).
	 */
	@Test
	void trainsTheArchiveTheEntrypointMapsWithTheSameOptions() {
		String training = archiveTraining().arguments();
		List<String> entrypoint = entrypoint();
		String archive = entrypoint.stream()
			.filter(o -> o.startsWith("-XX:SharedArchiveFile="))
			.findFirst()
			.orElseThrow()
			.substring("-XX:SharedArchiveFile=".length());
		assertThat(training).contains("-XX:ArchiveClassesAtExit=" + archive).contains(" demo ");
		int jar = entrypoint.indexOf("-jar");
		assertThat(training).contains("-jar " + entrypoint.get(jar + 1) + " ");
		for (String option : entrypoint.subList(1, jar)) {
			if (option.startsWith("-XX:-") || option.startsWith("-XX:+") || option.startsWith("-XX:Max")) {
				assertThat(training).as("the training run's JVM options").contains(option);
			}
		}
	}

	@Test
	void runsAsTheNonRootUserTheManifestsExpect() {
		List<Dockerfile.Instruction> users = dockerfile.last().all("USER");
		assertThat(users).isNotEmpty();
		String user = users.get(users.size() - 1).arguments();
		String uid = user.split(":")[0];
		assertThat(uid).as("numeric, so runAsNonRoot can verify it").matches("\\d+").isNotEqualTo("0");
		assertEquals("10001", uid, "runAsUser in k8s/base/cronjob.yaml");
		int userAt = dockerfile.last().instructions().lastIndexOf(users.get(users.size() - 1));
		int entrypointAt = dockerfile.last().instructions().indexOf(dockerfile.last().all("ENTRYPOINT").get(0));
		assertThat(userAt).as("USER comes before ENTRYPOINT").isLessThan(entrypointAt);
	}

	@Test
	void startsTheApplicationJarOnTheArchiveFromTheApplicationDirectory() {
		assertThat(dockerfile.last().all("WORKDIR")).extracting(Dockerfile.Instruction::arguments)
			.containsExactly("/app");
		assertEquals(
				List.of("java", "-XX:SharedArchiveFile=/app/application.jsa", "-Xlog:cds*=off",
						"-XX:MaxRAMPercentage=60", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/application.jar"),
				entrypoint(),
				"exec form (so SIGTERM reaches the JVM) running the extracted application jar on the class-data-sharing "
						+ "archive, the JVM's archive warnings kept off stdout, heap sized from the container's limit, "
						+ "ending at the first OutOfMemoryError");
	}

	private Dockerfile.Instruction archiveTraining() {
		List<Dockerfile.Instruction> trainings = dockerfile.last()
			.all("RUN")
			.stream()
			.filter(run -> run.arguments().contains("-XX:ArchiveClassesAtExit="))
			.toList();
		assertThat(trainings).hasSize(1);
		return trainings.get(0);
	}

	private List<String> entrypoint() {
		List<Dockerfile.Instruction> entrypoints = dockerfile.last().all("ENTRYPOINT");
		assertThat(entrypoints).hasSize(1);
		String exec = entrypoints.get(0).arguments();
		assertThat(exec).startsWith("[").endsWith("]");
		return Pattern.compile("\"([^\"]*)\"").matcher(exec).results().map(m -> m.group(1)).toList();
	}

	/**
	 * The JVM announces these variables on stderr ("Picked up ..."), a plain line in the
	 * JSON log stream.
	 */
	@Test
	void setsNoJvmOptionsTheJvmWouldAnnounce() {
		for (Dockerfile.Stage stage : dockerfile.stages()) {
			assertThat(stage.all("ENV")).extracting(Dockerfile.Instruction::arguments)
				.noneMatch(env -> env.matches("(?s).*\\b(JAVA_TOOL_OPTIONS|JDK_JAVA_OPTIONS|_JAVA_OPTIONS)\\b.*"));
		}
	}

	@Test
	void parserJoinsContinuationsAndSkipsComments() {
		Dockerfile parsed = Dockerfile
			.parse(List.of("# comment", "ARG X=a", "FROM ${X} AS b", "RUN one \\", "    two", "", "FROM c", "USER 5"));
		assertThat(parsed.stages()).extracting(Dockerfile.Stage::from).containsExactly("a", "c");
		assertEquals("one  two", parsed.stages().get(0).all("RUN").get(0).arguments());
		assertEquals("5", parsed.last().all("USER").get(0).arguments());
	}

}

package io.writebackbatch.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Sanity of k8s/image/Dockerfile; no image can be built on these machines. */
class DockerfileTests {

	private final Dockerfile dockerfile = Dockerfile.read();

	@Test
	void buildsInTwoStagesOnTheJre17() {
		assertThat(dockerfile.stages()).hasSize(2);
		Dockerfile.Stage builder = dockerfile.stages().get(0);
		assertEquals("builder", builder.name());
		assertEquals("eclipse-temurin:17-jre", builder.from());
		assertEquals("eclipse-temurin:17-jre", dockerfile.last().from());
	}

	@Test
	void extractsTheLayeredJarWithTheLauncher() {
		List<String> runs = dockerfile.stages()
			.get(0)
			.all("RUN")
			.stream()
			.map(Dockerfile.Instruction::arguments)
			.toList();
		assertThat(runs).anySatisfy(run -> assertThat(run).contains("java -Djarmode=tools -jar")
			.contains(" extract ")
			.contains("--layers")
			.contains("--launcher")
			.contains("--destination"));
	}

	@Test
	void copiesTheLayersFromLeastToMostOftenChanged() {
		assertEquals(Dockerfile.LAYERS, dockerfile.copiedLayers());
		assertThat(dockerfile.last().all("COPY"))
			.allSatisfy(copy -> assertThat(copy.arguments()).startsWith("--from=builder "));
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
	void startsTheLauncherFromTheApplicationDirectory() {
		assertThat(dockerfile.last().all("WORKDIR")).extracting(Dockerfile.Instruction::arguments)
			.containsExactly("/app");
		List<Dockerfile.Instruction> entrypoints = dockerfile.last().all("ENTRYPOINT");
		assertThat(entrypoints).hasSize(1);
		assertEquals(
				"[\"java\", \"-XX:MaxRAMPercentage=60\", \"-XX:+ExitOnOutOfMemoryError\", "
						+ "\"org.springframework.boot.loader.launch.JarLauncher\"]",
				entrypoints.get(0).arguments(),
				"exec form (so SIGTERM reaches the JVM) running Boot 4's launcher, heap sized from the container's limit, "
						+ "ending at the first OutOfMemoryError");
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
			.parse(List.of("# comment", "ARG X=1", "FROM a AS b", "RUN one \\", "    two", "", "FROM c", "USER 5"));
		assertThat(parsed.stages()).extracting(Dockerfile.Stage::from).containsExactly("a", "c");
		assertEquals("one  two", parsed.stages().get(0).all("RUN").get(0).arguments());
		assertEquals("5", parsed.last().all("USER").get(0).arguments());
	}

}

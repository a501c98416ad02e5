package io.writebackbatch.k8s;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders a kustomization under k8s/ with plain {@code kubectl kustomize} (kustomize's
 * default load restrictor, as {@code kubectl apply -k} and GitOps tools use it) and
 * parses each document into fabric8's typed model.
 */
final class Kustomize {

	static final Path PROJECT = Path.of(System.getProperty("user.dir")).toAbsolutePath();

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	// fabric8's model is annotated for Jackson 2; YAML is read with the project's Jackson
	// 3 and handed over as JSON.
	private static final ObjectMapper JSON = new ObjectMapper()
		.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

	private Kustomize() {
	}

	/** Renders k8s/{kustomization} and returns the typed documents in output order. */
	static List<HasMetadata> render(String kustomization) {
		return renderDirectory(PROJECT.resolve("k8s").resolve(kustomization));
	}

	/**
	 * Renders the kustomization in {@code dir} (anywhere, e.g. a copy of k8s/ with a
	 * kustomization of the Kubernetes guide's).
	 */
	static List<HasMetadata> renderDirectory(Path dir) {
		return renderJson(dir).stream().map(Kustomize::typed).toList();
	}

	/**
	 * Renders the kustomization in {@code dir} and returns each document as kustomize
	 * wrote it (no model in between), in output order.
	 */
	static List<JsonNode> renderJson(Path dir) {
		String yaml = run(dir);
		List<JsonNode> docs = new ArrayList<>();
		try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
			while (values.hasNextValue()) {
				JsonNode node = values.nextValue();
				if (node == null || node.isNull() || node.isEmpty()) {
					continue;
				}
				docs.add(node);
			}
		}
		return docs;
	}

	/**
	 * Every kustomization under k8s/ that renders on its own (components are parts of
	 * others), as paths relative to k8s/: a new overlay is found without being listed.
	 */
	static List<String> kustomizations() {
		Path k8s = PROJECT.resolve("k8s");
		try (Stream<Path> files = Files.walk(k8s)) {
			return files.filter(f -> f.getFileName().toString().equals("kustomization.yaml"))
				.filter(f -> !YAML.readTree(f.toFile()).path("kind").asString("").equals("Component"))
				.map(f -> k8s.relativize(f.getParent()).toString())
				.sorted()
				.toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static HasMetadata typed(JsonNode node) {
		String kind = node.path("kind").asString();
		Class<? extends HasMetadata> type = switch (kind) {
			case "CronJob" -> CronJob.class;
			case "Job" -> Job.class;
			case "ServiceAccount" -> ServiceAccount.class;
			case "ConfigMap" -> ConfigMap.class;
			case "PersistentVolumeClaim" -> PersistentVolumeClaim.class;
			case "NetworkPolicy" -> NetworkPolicy.class;
			case "Namespace" -> Namespace.class;
			default -> throw new AssertionError("unexpected kind " + kind + " in rendered output:\n" + node);
		};
		try {
			return JSON.readValue(node.toString(), type);
		}
		catch (IOException e) {
			throw new AssertionError(
					"rendered " + kind + " does not fit fabric8's " + type.getName() + ": " + e.getMessage(), e);
		}
	}

	private static String run(Path dir) {
		List<String> command = List.of(kubectl(), "kustomize", dir.toString());
		try {
			Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
			var out = p.getInputStream().readAllBytes();
			var err = p.getErrorStream().readAllBytes();
			if (!p.waitFor(60, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				fail("kubectl kustomize " + dir + " did not finish in 60 s");
			}
			if (p.exitValue() != 0) {
				fail(String.join(" ", command) + " failed (exit " + p.exitValue() + "):\n"
						+ new String(err, StandardCharsets.UTF_8));
			}
			return new String(out, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError(e);
		}
	}

	/**
	 * kubectl from $KUBECTL or the PATH; fails the test with a clear message when there
	 * is none.
	 */
	static String kubectl() {
		return Executables.find("kubectl", "KUBECTL")
			.orElseGet(() -> fail("kubectl is not on the PATH (nor set in "
					+ "$KUBECTL): the k8s manifest tests render the overlays with `kubectl kustomize`. Install kubectl (e.g. "
					+ "apt-get install kubectl, or the kubernetes-client package) and run the tests again."));
	}

	/**
	 * A copy of k8s/ in {@code root}/k8s, so a test can add a kustomization beside the
	 * real ones.
	 */
	static Path copyOfK8s(Path root) {
		try (Stream<Path> files = Files.walk(PROJECT.resolve("k8s"))) {
			for (Path source : (Iterable<Path>) files::iterator) {
				Path target = root.resolve(PROJECT.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
			return root.resolve("k8s");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}

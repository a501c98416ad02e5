package io.writebackbatch.k8s;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates Kubernetes objects against the Kubernetes OpenAPI schema, offline: the npm
 * package {@code kubernetes-models} carries the schema of every built-in kind compiled
 * into validators (required fields, types, enums, formats). It is installed once per
 * machine with {@code npm ci} from test resources {@code kubernetes-schema/} (its
 * package-lock.json pins every tarball by its integrity hash, which npm checks) into
 * {@code ~/.cache/writeback-batch} (or {@code $WRITEBACK_TOOLS_DIR}), the cache ./test
 * uses for kubectl, and run with node. Nothing downloaded is committed.
 *
 * <p>
 * The schema leaves unknown fields alone (Kubernetes' OpenAPI does not close its
 * objects): {@code ManifestsTests} finds those with fabric8's typed model.
 */
final class KubernetesSchema {

	private static final String RESOURCES = "/kubernetes-schema/";

	private static final List<String> FILES = List.of("package.json", "package-lock.json", "validate.mjs");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private KubernetesSchema() {
	}

	/**
	 * The problems the schema finds, one line each ({@code kind/name: what}); empty when
	 * every object fits.
	 */
	static List<String> problems(List<JsonNode> objects) {
		Path dir = installed();
		try {
			Process node = new ProcessBuilder(tool("node"), "validate.mjs").directory(dir.toFile())
				.redirectErrorStream(true)
				.start();
			try (var in = node.getOutputStream()) {
				in.write(JSON.writeValueAsBytes(objects));
			}
			String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!node.waitFor(60, TimeUnit.SECONDS)) {
				node.destroyForcibly();
				fail("node validate.mjs did not finish in 60 s");
			}
			if (node.exitValue() > 1) {
				fail("node validate.mjs failed (exit " + node.exitValue() + "):\n" + out);
			}
			List<String> problems = out.lines().filter(line -> !line.isBlank()).toList();
			if (node.exitValue() == 1 && problems.isEmpty()) {
				fail("node validate.mjs exited 1 without naming a problem");
			}
			return problems;
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
	 * The folder with kubernetes-models installed, named by the lock file's digest: a new
	 * lock installs anew, beside the old one.
	 */
	private static synchronized Path installed() {
		byte[] lock = resource("package-lock.json");
		Path dir = toolsDir().resolve("kubernetes-schema-" + sha256(lock).substring(0, 16));
		try {
			if (!Files.isRegularFile(dir.resolve("node_modules/kubernetes-models/package.json"))) {
				Path work = Files.createDirectories(dir.resolveSibling(dir.getFileName() + ".installing"));
				for (String file : FILES) {
					Files.write(work.resolve(file), resource(file));
				}
				run(work, tool("npm"), "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error");
				Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
			}
			// the script is the project's own: always the current one
			Files.write(dir.resolve("validate.mjs"), resource("validate.mjs"));
			return dir;
		}
		catch (IOException e) {
			throw new UncheckedIOException("installing kubernetes-models into " + dir, e);
		}
	}

	private static Path toolsDir() {
		String explicit = System.getenv("WRITEBACK_TOOLS_DIR");
		if (explicit != null && !explicit.isBlank()) {
			return Path.of(explicit);
		}
		String cache = System.getenv("XDG_CACHE_HOME");
		return (cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache"))
			.resolve("writeback-batch");
	}

	private static String tool(String name) {
		return Executables.find(name, name.toUpperCase(java.util.Locale.ROOT))
			.orElseGet(() -> fail(name + " is not on the PATH: the manifest tests validate every rendered object "
					+ "against the Kubernetes schema with the npm package kubernetes-models, run by node. Install them "
					+ "(apt-get install -y npm, which brings nodejs) and run the tests again."));
	}

	private static void run(Path dir, String... command) throws IOException {
		Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
				p.destroyForcibly();
				fail(String.join(" ", command) + " in " + dir + " failed:\n" + out);
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError(e);
		}
	}

	private static byte[] resource(String name) {
		try (InputStream in = KubernetesSchema.class.getResourceAsStream(RESOURCES + name)) {
			if (in == null) {
				throw new AssertionError("test resource " + RESOURCES + name + " is missing");
			}
			return in.readAllBytes();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

}

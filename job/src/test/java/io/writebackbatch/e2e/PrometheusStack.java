package io.writebackbatch.e2e;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Debian's {@code prometheus-pushgateway} and {@code prometheus}, on free ports of
 * 127.0.0.1 only, Prometheus scraping the Pushgateway every second with
 * {@code honor_labels: true} (and once more as {@code pushgateway-mislabelled} with
 * Prometheus's default {@code honor_labels: false}) and evaluating the given rules every
 * second. Both processes are stopped on {@link #close()}.
 */
final class PrometheusStack implements AutoCloseable {

	/** An active alert: its name, its labels of interest, pending or firing. */
	record Alert(String name, String tenant, String definition, String state) {
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final List<Process> processes = new ArrayList<>();

	private final int pushgatewayPort;

	private final int prometheusPort;

	private PrometheusStack(int pushgatewayPort, int prometheusPort) {
		this.pushgatewayPort = pushgatewayPort;
		this.prometheusPort = prometheusPort;
	}

	/** The two executables, from the PATH; empty when either is missing. */
	static Optional<List<String>> executables() {
		List<String> found = new ArrayList<>();
		for (String name : List.of("prometheus-pushgateway", "prometheus")) {
			Optional<String> path = onPath(name);
			if (path.isEmpty()) {
				return Optional.empty();
			}
			found.add(path.get());
		}
		return Optional.of(found);
	}

	static PrometheusStack start(Path dir, String rules) throws IOException, InterruptedException {
		List<String> executables = executables().orElseThrow();
		PrometheusStack stack = new PrometheusStack(freePort(), freePort());
		try {
			Files.writeString(dir.resolve("rules.yaml"), rules);
			String target = "'127.0.0.1:" + stack.pushgatewayPort + "'";
			Files.writeString(dir.resolve("prometheus.yml"),
					String.join("\n", "global:", "  scrape_interval: 1s", "  evaluation_interval: 1s", "rule_files:",
							"  - rules.yaml", "scrape_configs:", "  - job_name: pushgateway", "    honor_labels: true",
							"    static_configs:", "      - targets: [" + target + "]",
							"  - job_name: pushgateway-mislabelled", "    static_configs:",
							"      - targets: [" + target + "]", ""));
			// Debian's build persists to /var/lib/prometheus/pushgateway.data by default:
			// groups of an earlier
			// run would come back
			stack.launch(dir, "pushgateway", executables.get(0),
					"--web.listen-address=127.0.0.1:" + stack.pushgatewayPort,
					"--persistence.file=" + dir.resolve("pushgateway.data"));
			stack.awaitReady(stack.pushgatewayPort);
			stack.launch(dir, "prometheus", executables.get(1), "--config.file=" + dir.resolve("prometheus.yml"),
					"--storage.tsdb.path=" + dir.resolve("tsdb"),
					"--web.listen-address=127.0.0.1:" + stack.prometheusPort);
			stack.awaitReady(stack.prometheusPort);
			return stack;
		}
		catch (IOException | InterruptedException | RuntimeException e) {
			stack.close();
			throw e;
		}
	}

	/** host:port, as the job's pushgateway address. */
	String pushgatewayAddress() {
		return "127.0.0.1:" + pushgatewayPort;
	}

	/** Prometheus's active alerts ({@code /api/v1/alerts}). */
	List<Alert> alerts() throws IOException, InterruptedException {
		JsonNode answer = JSON.readTree(get(prometheusPort, "/api/v1/alerts"));
		List<Alert> alerts = new ArrayList<>();
		for (JsonNode alert : answer.path("data").path("alerts")) {
			JsonNode labels = alert.path("labels");
			alerts.add(new Alert(labels.path("alertname").asString(), labels.path("tenant").asString(""),
					labels.path("definition").asString(""), alert.path("state").asString()));
		}
		return alerts;
	}

	/** One instant query's result, as Prometheus's JSON. */
	JsonNode query(String promql) throws IOException, InterruptedException {
		return JSON
			.readTree(get(prometheusPort,
					"/api/v1/query?query="
							+ java.net.URLEncoder.encode(promql, java.nio.charset.StandardCharsets.UTF_8)))
			.path("data")
			.path("result");
	}

	private void launch(Path dir, String name, String... command) throws IOException {
		processes.add(new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve(name + ".log").toFile())
			.start());
	}

	private void awaitReady(int port) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			for (Process p : processes) {
				if (!p.isAlive()) {
					throw new IllegalStateException(p.info().command().orElse("?") + " exited with " + p.exitValue());
				}
			}
			try {
				HttpResponse<String> ready = http.send(
						HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (ready.statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("127.0.0.1:" + port + " not ready within 30 s");
	}

	private String get(int port, String path) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(5))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static Optional<String> onPath(String name) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(dir, name);
			if (Files.isExecutable(candidate)) {
				return Optional.of(candidate.toString());
			}
		}
		return Optional.empty();
	}

	@Override
	public void close() {
		for (int i = processes.size() - 1; i >= 0; i--) {
			processes.get(i).destroy();
		}
		for (Process p : processes) {
			try {
				if (!p.waitFor(10, TimeUnit.SECONDS)) {
					p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException e) {
				p.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
	}

}

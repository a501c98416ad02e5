package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code simulate} as a user starts it: a separate process serving Graph's URLs until it
 * is stopped.
 */
class SimulateCommandTests {

	@Test
	void servesGraphAndItsAdminEndpointsUntilStopped() throws Exception {
		Process process = simulate("--groups", "120", "--token", "cli-token");
		try {
			String baseUrl = baseUrl(process);
			HttpClient http = HttpClient.newHttpClient();
			HttpResponse<String> groups = http.send(HttpRequest
				.newBuilder(URI
					.create(baseUrl + "/groups?$filter=groupTypes/any(c:c%20eq%20'Unified')&$top=999&$count=true"))
				.header("Authorization", "Bearer cli-token")
				.header("ConsistencyLevel", "eventual")
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(groups.statusCode()).isEqualTo(200);
			assertThat(groups.body()).contains("\"@odata.count\":120");
			HttpResponse<String> unauthorized = http.send(
					HttpRequest.newBuilder(URI.create(baseUrl + "/groups")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(unauthorized.statusCode()).isEqualTo(401);
			String admin = baseUrl.replace("/beta", "/_sim/counters");
			HttpResponse<String> counters = http.send(HttpRequest.newBuilder(URI.create(admin)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(counters.statusCode()).isEqualTo(200);
			assertThat(counters.body()).contains("groupListPages");
		}
		finally {
			process.destroy();
			assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
		}
	}

	/**
	 * A setting the simulator cannot play is a usage error at start (exit 2, naming it),
	 * not a stack trace, nor a rate that silently means never or always.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "--omitted-writeback-rate=1.5|omittedWritebackRate must be in [0,1]",
			"--error-rate=-0.1|errorRate must be in [0,1]", "--throttled-batch=500|throttledBatch must be 200 or 424",
			// exit 1 and a stack trace (the port, the role-assignable count, found while
			// starting), or
			// served as if valid (a negative latency failed every request, NaN refilled
			// nothing)
			"--port=99999|port must be 0 (any free port) to 65535, was 99999",
			"--role-assignable-groups=-3|roleAssignableGroups must be >= 0",
			"--latency-ms=-1|latency and jitter must be 0 or more",
			"--jitter-ms=-1|latency and jitter must be 0 or more",
			"--time-scale=NaN|timeScale must be a number > 0, was NaN",
			"--other-app-writes-per-second=NaN|otherAppWritesPerSecond must be a number >= 0, was NaN",
			"--read-lag-ms=-1|readLag must be 0 or more", "--skiptoken-ttl-seconds=-5|skipTokenTtl must be 0",
			"--groups=-1|unifiedGroups must be >= 0",
			// exit 3, "the network failed (IOException: Is a directory)"
			"--tenant-file=/|tenantFile / is not a file" })
	void refusesASettingItCannotPlayWithExitTwo(String option, String message, @TempDir Path dir) {
		List<String> args = new ArrayList<>(List.of("simulate"));
		if (!option.startsWith("--port=")) {
			args.addAll(List.of("--port", "0"));
		}
		if (!option.startsWith("--groups=")) {
			args.addAll(List.of("--groups", "5"));
		}
		args.add(option);
		Cli.Result result = assertTimeoutPreemptively(Duration.ofSeconds(60),
				() -> new Cli("http://127.0.0.1:9/beta", "test-token", dir).run(args.toArray(String[]::new)));
		assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
		assertThat(result.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
	}

	/** Was exit 1 and the simulator's stack trace. */
	@Test
	void demoRefusesATenantItCannotBuildWithExitTwo(@TempDir Path dir) {
		Cli.Result result = assertTimeoutPreemptively(Duration.ofSeconds(60),
				() -> new Cli("http://127.0.0.1:9/beta", "test-token", dir).run("demo", "--groups", "-1"));
		assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
		assertThat(result.err()).contains("unifiedGroups must be >= 0")
			.doesNotContain("Exception")
			.doesNotContain("\tat ");
	}

	@Test
	void selectsEveryUnkindGraphModeAtStartUp() throws Exception {
		Process process = simulate("--groups", "30", "--throttled-batch", "424", "--other-app-writes-per-second", "12",
				"--read-lag-ms", "1500", "--refuse-created-since-filter", "--grants", "Group.ReadWrite.All",
				"--role-assignable-groups", "4", "--empty-answer-rate", "0.1", "--truncated-answer-rate", "0.2",
				"--omitted-writeback-rate", "0.3");
		try {
			String faults = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(baseUrl(process).replace("/beta", "/_sim/faults"))).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			assertThat(faults).contains("\"throttledBatch\":424", "\"otherAppWritesPerSecond\":12.0",
					"\"readLagMs\":1500", "\"createdSinceRefused\":true", "\"grants\":\"Group.ReadWrite.All\"",
					"\"roleAssignableGroups\":4", "\"emptyAnswerRate\":0.1", "\"truncatedAnswerRate\":0.2",
					"\"omittedWritebackRate\":0.3");
		}
		finally {
			process.destroy();
			assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
		}
	}

	private static Process simulate(String... options) throws Exception {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
						System.getProperty("java.class.path"), "io.writebackbatch.cli.WritebackCli", "simulate",
						"--port", "0"));
		command.addAll(List.of(options));
		return new ProcessBuilder(command).redirectErrorStream(true).start();
	}

	private static String baseUrl(Process process) throws Exception {
		BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream()));
		String baseUrl = null;
		for (String line = output.readLine(); line != null && baseUrl == null; line = output.readLine()) {
			if (line.contains("base URL")) {
				baseUrl = line.substring(line.indexOf("http")).strip();
			}
		}
		assertThat(baseUrl).as("the command prints its base URL").startsWith("http://127.0.0.1:").endsWith("/beta");
		return baseUrl;
	}

}

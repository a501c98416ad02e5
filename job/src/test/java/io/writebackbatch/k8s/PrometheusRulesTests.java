package io.writebackbatch.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The alert rules of k8s/monitoring/prometheus-rule.yaml, checked and unit-tested by
 * Prometheus's own {@code promtool} against k8s/monitoring/prometheus-rule.test.yaml.
 * promtool comes with Debian's {@code prometheus} package ({@code .ci/run} installs it
 * when missing); without it the tests are skipped, saying so, except in CI
 * ({@code CI=true}), where they fail.
 */
class PrometheusRulesTests {

	static final Path MONITORING = Kustomize.PROJECT.resolve("k8s/monitoring");

	static final Path RULES = MONITORING.resolve("prometheus-rule.yaml");

	static final Path RULE_TESTS = MONITORING.resolve("prometheus-rule.test.yaml");

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	static String promtool;

	@BeforeAll
	static void findPromtool() {
		Optional<String> found = Executables.find("promtool", "PROMTOOL");
		if (found.isEmpty()) {
			String why = "promtool is not on the PATH (nor in $PROMTOOL): the alert rules were not tested. Install it with "
					+ "`apt-get install -y prometheus` (Debian) or from a Prometheus release, then run the tests again.";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				fail(why + " In CI it is required (.ci/run installs it).");
			}
			assumeTrue(false, why);
		}
		promtool = found.get();
	}

	@Test
	void everyRuleIsValidAndPassesItsUnitTests(@TempDir Path dir) throws Exception {
		// promtool reads plain rule files: the PrometheusRule's spec is exactly one
		JsonNode rule = YAML.readTree(RULES.toFile());
		Files.writeString(dir.resolve("rules.yaml"), YAML.writeValueAsString(rule.get("spec")));
		Files.copy(RULE_TESTS, dir.resolve(RULE_TESTS.getFileName()));

		Result check = run(dir, "check", "rules", "rules.yaml");
		assertThat(check.exitCode()).as("promtool check rules:\n%s", check.output()).isZero();
		Result test = run(dir, "test", "rules", RULE_TESTS.getFileName().toString());
		assertThat(test.exitCode()).as("promtool test rules:\n%s", test.output()).isZero();
		assertThat(test.output()).contains("SUCCESS");
	}

	@Test
	void everyAlertHasAUnitTest() throws IOException {
		Set<String> alerts = new TreeSet<>();
		for (JsonNode group : YAML.readTree(RULES.toFile()).path("spec").path("groups")) {
			for (JsonNode r : group.path("rules")) {
				alerts.add(r.path("alert").asString());
			}
		}
		Set<String> tested = new TreeSet<>();
		for (JsonNode test : YAML.readTree(RULE_TESTS.toFile()).path("tests")) {
			for (JsonNode alertTest : test.path("alert_rule_test")) {
				if (!alertTest.path("exp_alerts").isEmpty()) {
					tested.add(alertTest.path("alertname").asString());
				}
			}
		}
		assertThat(alerts).hasSizeGreaterThanOrEqualTo(4);
		assertThat(tested).as("alerts with a test case in which they fire").containsAll(alerts);
	}

	record Result(int exitCode, String output) {
	}

	private static Result run(Path dir, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(promtool));
		command.addAll(List.of(args));
		Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
		String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!p.waitFor(60, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			fail("promtool " + String.join(" ", args) + " did not finish in 60 s");
		}
		return new Result(p.exitValue(), output);
	}

}

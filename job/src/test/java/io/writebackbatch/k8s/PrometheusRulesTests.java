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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The alert rules of k8s/monitoring/prometheus-rule.yaml, checked and unit-tested by
 * Prometheus's own {@code promtool} against k8s/monitoring/prometheus-rule*.test.yaml.
 * promtool comes with Debian's {@code prometheus} package ({@code .ci/run} installs it
 * when missing); without it the tests are skipped, saying so, except in CI
 * ({@code CI=true}), where they fail.
 */
class PrometheusRulesTests {

	static final Path MONITORING = Kustomize.PROJECT.resolve("k8s/monitoring");

	static final Path RULES = MONITORING.resolve("prometheus-rule.yaml");

	/**
	 * The rule tests: the cases whose series move by the minute, evaluated every minute,
	 * and the cases that span days with hourly series, evaluated every 15 minutes (every
	 * minute, promtool spent 35 s of CPU on them).
	 */
	static final List<Path> RULE_TESTS = List.of(MONITORING.resolve("prometheus-rule.test.yaml"),
			MONITORING.resolve("prometheus-rule.nightly.test.yaml"));

	static final Path RUNBOOK = Kustomize.PROJECT.resolve("docs/guide/operations.md");

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
		Result check = run(dir, "check", "rules", "rules.yaml");
		assertThat(check.exitCode()).as("promtool check rules:\n%s", check.output()).isZero();
		for (Path tests : RULE_TESTS) {
			Files.copy(tests, dir.resolve(tests.getFileName()));
			Result test = run(dir, "test", "rules", tests.getFileName().toString());
			assertThat(test.exitCode()).as("promtool test rules %s:\n%s", tests.getFileName(), test.output()).isZero();
			assertThat(test.output()).contains("SUCCESS");
		}
	}

	/**
	 * A case evaluated every 15 minutes sees only what a quarter hour shows: its series
	 * are hourly and every time it asks about is on a quarter hour.
	 */
	@Test
	void theCasesEvaluatedEveryQuarterHourAskOnlyAboutQuarterHours() throws IOException {
		JsonNode file = YAML.readTree(RULE_TESTS.get(1).toFile());
		assertThat(file.path("evaluation_interval").asString()).isEqualTo("15m");
		for (JsonNode test : file.path("tests")) {
			assertThat(test.path("interval").asString()).as(test.path("name").asString()).isEqualTo("1h");
			for (JsonNode alertTest : test.path("alert_rule_test")) {
				assertThat(alertTest.path("eval_time").asString()).as(test.path("name").asString())
					.matches("\\d+h(15m|30m|45m)?|15m|30m|45m");
			}
		}
	}

	@Test
	void everyAlertHasACaseInWhichItFiresAndOneInWhichItDoesNot() throws IOException {
		Set<String> alerts = alerts().keySet();
		Set<String> firing = new TreeSet<>();
		Set<String> quiet = new TreeSet<>();
		for (Path tests : RULE_TESTS) {
			for (JsonNode test : YAML.readTree(tests.toFile()).path("tests")) {
				for (JsonNode alertTest : test.path("alert_rule_test")) {
					(alertTest.path("exp_alerts").isEmpty() ? quiet : firing)
						.add(alertTest.path("alertname").asString());
				}
			}
		}
		assertThat(alerts).hasSizeGreaterThanOrEqualTo(5);
		assertThat(firing).as("alerts with a test case in which they fire").containsAll(alerts);
		assertThat(quiet).as("alerts with a test case in which they stay quiet").containsAll(alerts);
	}

	/**
	 * The shipped durations, which PushgatewayAlertsFunctionalTests shortens: 26 h (a
	 * nightly plus 2 h of slack) and each rule's {@code for:}.
	 */
	@Test
	void everyAlertWaitsItsForAndTheNightlyThresholdIs26Hours() throws IOException {
		Map<String, String> fors = new TreeMap<>();
		alerts().forEach((name, rule) -> fors.put(name, rule.path("for").asString("")));
		assertThat(fors).containsExactlyInAnyOrderEntriesOf(Map.of("WritebackNightlyLastSuccessTooOld", "15m",
				"WritebackNightlyNoSuccess", "15m", "WritebackNightlyFailedGroups", "5m", "WritebackMetricsMislabelled",
				"1m", "WritebackNightlyCronJobNoSuccess", "15m", "WritebackNightlyNoProgress", "5m"));
		for (String name : List.of("WritebackNightlyLastSuccessTooOld", "WritebackNightlyNoSuccess",
				"WritebackNightlyCronJobNoSuccess")) {
			assertThat(alerts().get(name).path("expr").asString()).as(name).contains("> 26 * 3600");
		}
	}

	/**
	 * Each alert links its own section of the runbook, docs/guide/operations.md, by the
	 * anchor GitHub makes of the heading.
	 */
	@Test
	void everyAlertLinksItsRunbookSection() throws IOException {
		Set<String> anchors = new TreeSet<>();
		for (String line : Files.readAllLines(RUNBOOK)) {
			if (line.startsWith("#")) {
				anchors.add(line.replaceFirst("^#+\\s*", "")
					.toLowerCase(Locale.ROOT)
					.replaceAll("[^a-z0-9 _-]", "")
					.replace(' ', '-'));
			}
		}
		alerts().forEach((name, rule) -> {
			String url = rule.path("annotations").path("runbook_url").asString("");
			assertThat(url).as(name).contains("/docs/guide/operations.md#" + name.toLowerCase(Locale.ROOT));
			assertThat(anchors).as("headings of %s", RUNBOOK).contains(url.substring(url.indexOf('#') + 1));
		});
		assertThat(anchors).as("KubeJobFailed (kubernetes-mixin) has its runbook section too")
			.contains("kubejobfailed");
	}

	/**
	 * A Job that gave up is kubernetes-mixin's KubeJobFailed: no rule of ours repeats it
	 * (and keeps firing for the week the failed Job object is kept).
	 */
	@Test
	void noRuleDuplicatesKubernetesMixinsJobFailed() throws IOException {
		alerts().forEach((name, rule) -> assertThat(rule.path("expr").asString()).as(name)
			.doesNotContain("kube_job_failed")
			.doesNotContain("kube_job_status_failed"));
	}

	private static Map<String, JsonNode> alerts() throws IOException {
		Map<String, JsonNode> alerts = new TreeMap<>();
		for (JsonNode group : YAML.readTree(RULES.toFile()).path("spec").path("groups")) {
			for (JsonNode r : group.path("rules")) {
				alerts.put(r.path("alert").asString(), r);
			}
		}
		return alerts;
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

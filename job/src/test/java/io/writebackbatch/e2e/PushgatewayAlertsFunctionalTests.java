package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.writebackbatch.e2e.PrometheusStack.Alert;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The shipped alert rules (k8s/monitoring/prometheus-rule.yaml) on real parts: real runs
 * of the job on two simulated tenants push their meters to Debian's Pushgateway, which
 * Debian's Prometheus scrapes with the rules loaded; the alerts are read from
 * Prometheus's HTTP API. Only the rules' durations are shortened (26 h becomes
 * {@link #THRESHOLD_SECONDS} s, every {@code for:} 1 s); PrometheusRulesTests checks the
 * shipped values. Needs {@code prometheus} and {@code prometheus-pushgateway}
 * ({@code apt-get install -y prometheus prometheus-pushgateway}); without them the test
 * is skipped, saying so, except in CI ({@code CI=true}), where it fails.
 */
class PushgatewayAlertsFunctionalTests {

	/** The tenants' ids: every run meter carries its run's tenant as {@code tenant}. */
	static final String CONTOSO = "11111111-1111-4111-8111-111111111111";

	static final String FABRIKAM = "22222222-2222-4222-8222-222222222222";

	/**
	 * The rules' 26 h, shortened: longer than the runs between a success and the check.
	 */
	static final int THRESHOLD_SECONDS = 25;

	private static final Duration WAIT = Duration.ofSeconds(60);

	@TempDir
	Path dir;

	GraphSimulator contoso;

	GraphSimulator fabrikam;

	PrometheusStack prometheus;

	@BeforeEach
	void start() throws Exception {
		if (PrometheusStack.executables().isEmpty()) {
			String why = "prometheus or prometheus-pushgateway is not on the PATH: the alerts were not tested on real "
					+ "parts. Install them with `apt-get install -y prometheus prometheus-pushgateway`.";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				fail(why + " In CI they are required.");
			}
			assumeTrue(false, why);
		}
		Files.createDirectories(dir.resolve("prometheus"));
		prometheus = PrometheusStack.start(dir.resolve("prometheus"), testRules());
		// contoso: 3 role-assignable groups, which the job's ordinary token cannot change
		// (403)
		contoso = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token("contoso-token")
			.tenantId(CONTOSO)
			.privilegedToken("contoso-role-admin")
			.roleAssignableGroups(3)
			.seed(7)
			.unifiedGroups(40)
			.nonUnifiedGroups(5)
			.build());
		// fabrikam: a read-only token first (every write 403: the run FAILS), the right
		// one later
		fabrikam = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token("fabrikam-token")
			.tenantId(FABRIKAM)
			.readOnlyToken("fabrikam-read-only")
			.seed(8)
			.unifiedGroups(30)
			.nonUnifiedGroups(5)
			.build());
	}

	@AfterEach
	void stop() {
		if (prometheus != null) {
			prometheus.close();
		}
		if (contoso != null) {
			contoso.close();
		}
		if (fabrikam != null) {
			fabrikam.close();
		}
	}

	@Test
	void alertsFireAndClearOnRealRunsPushedToAPushgateway() throws Exception {
		Cli contosoJob = job(contoso, "contoso");
		Cli fabrikamJob = job(fabrikam, "fabrikam");
		String nightly = "jobs/disable-all.yaml";

		// fabrikam's first nightly fails; contoso's completes with the 3 role-assignable
		// groups failed
		assertThat(fabrikamJob.with("writeback.graph.access-token", "fabrikam-read-only")
			.run("scheduled", "--definition", nightly)
			.exitCode()).isNotZero();
		long before = System.currentTimeMillis() / 1000;
		Cli.Result contosoNight1 = contosoJob.run("scheduled", "--definition", nightly);
		long after = System.currentTimeMillis() / 1000 + 1;
		assertThat(contosoNight1.exitCode()).as(contosoNight1.all()).isZero();
		assertThat(contosoNight1.all()).contains("| Failed | 3 |");
		awaitAlerts("contoso's failed groups fire",
				alerts -> alerts.contains(firing("WritebackNightlyFailedGroups", CONTOSO)));
		assertThat(prometheus
			.query("writeback_run_last_success_timestamp_seconds{job=\"writeback-batch\", command=\"scheduled\"}"))
			.as("contoso's last success, when its run ended; none for fabrikam")
			.singleElement()
			.satisfies(series -> {
				assertThat(series.path("metric").path("tenant").asString()).isEqualTo(CONTOSO);
				assertThat(series.path("value").get(1).asDouble()).isBetween((double) before, (double) after);
			});
		assertThat(prometheus.query("writeback_run_failed_groups{job=\"writeback-batch\", command=\"scheduled\"}"))
			.as("failed groups are reported by the run that completed, not by the one that failed")
			.singleElement()
			.satisfies(series -> assertThat(series.path("metric").path("tenant").asString()).isEqualTo(CONTOSO));
		awaitAlerts("contoso's failed groups fire",
				alerts -> alerts.contains(firing("WritebackNightlyFailedGroups", CONTOSO)));

		// a plan and a rollback of contoso's definition: neither is the nightly
		assertThat(contosoJob.run("plan", "--definition", nightly).exitCode()).isZero();
		Cli.Result rollback = contosoJob.run("rollback", "--run", "1", "--apply");
		assertThat(rollback.exitCode()).as(rollback.all()).isZero();

		Set<Alert> stale = awaitAlerts("fabrikam never succeeded, contoso's last nightly success is too old",
				alerts -> alerts.contains(firing("WritebackNightlyNoSuccess", FABRIKAM))
						&& alerts.contains(firing("WritebackNightlyLastSuccessTooOld", CONTOSO)));
		assertThat(stale)
			.as("per tenant: contoso succeeded once, fabrikam never did; plans and rollbacks fire nothing; %s",
					prometheus.query("writeback_run_failed_groups or writeback_run_total"))
			.doesNotContain(firing("WritebackNightlyNoSuccess", CONTOSO),
					firing("WritebackNightlyLastSuccessTooOld", FABRIKAM),
					firing("WritebackNightlyFailedGroups", FABRIKAM))
			.noneMatch(a -> !a.name().equals("WritebackMetricsMislabelled") && !a.definition().equals("disable-all"));
		assertThat(stale).as("the scrape job with honor_labels: false is reported")
			.anyMatch(a -> a.name().equals("WritebackMetricsMislabelled") && a.state().equals("firing"));

		// the next nights succeed (contoso with a token that may change role-assignable
		// groups): everything clears
		Cli.Result fabrikamNight2 = fabrikamJob.run("scheduled", "--definition", nightly);
		assertThat(fabrikamNight2.exitCode()).as(fabrikamNight2.all()).isZero();
		// contoso's last apply was rolled back: its nightly stays refused until a person
		// applies the definition again on purpose
		Cli contosoAdmin = contosoJob.with("writeback.graph.access-token", "contoso-role-admin");
		Cli.Result refused = contosoAdmin.run("scheduled", "--definition", nightly);
		assertThat(refused.exitCode()).as(refused.all()).isEqualTo(2);
		Cli.Result again = contosoAdmin.run("apply", "--new-run", "--definition", nightly);
		assertThat(again.exitCode()).as(again.all()).isZero();
		Cli.Result contosoNight2 = contosoAdmin.run("scheduled", "--definition", nightly);
		assertThat(contosoNight2.exitCode()).as(contosoNight2.all()).isZero();
		awaitAlerts("every writeback alert cleared",
				alerts -> alerts.stream().allMatch(a -> a.name().equals("WritebackMetricsMislabelled")));

		JsonNode groups = prometheus
			.query("count by (tenant, command, mode, operation) (push_time_seconds{job=\"writeback-batch\"})");
		// contoso: scheduled, plan, rollback and the one-off apply; fabrikam: scheduled
		assertThat(groups).as("one Pushgateway group per tenant and kind of run: %s", groups).hasSize(5);
		assertThat(prometheus.query("writeback_run_total{job=\"writeback-batch\", operation=\"rollback\"}"))
			.as("a rollback's definition label, unchanged")
			.singleElement()
			.satisfies(series -> assertThat(series.path("metric").path("definition").asString())
				.isEqualTo("rollback of run 1 (disable-all)"));
	}

	private Cli job(GraphSimulator sim, String tenant) {
		return new Cli(sim.baseUrl(), tenant + "-token", dir.resolve(tenant + "-reports"))
			.with("management.prometheus.metrics.export.pushgateway.address", prometheus.pushgatewayAddress());
	}

	private static Alert firing(String name, String tenant) {
		return new Alert(name, tenant, "disable-all", "firing");
	}

	private Set<Alert> awaitAlerts(String what, Predicate<Set<Alert>> expected) throws Exception {
		long deadline = System.nanoTime() + WAIT.toNanos();
		Set<Alert> alerts = Set.of();
		while (System.nanoTime() < deadline) {
			alerts = Set.copyOf(prometheus.alerts());
			if (expected.test(alerts)) {
				return alerts;
			}
			Thread.sleep(250);
		}
		throw new AssertionError(what + ": not within " + WAIT.toSeconds() + " s; active alerts: "
				+ alerts.stream().map(Alert::toString).collect(Collectors.joining(", ")));
	}

	/**
	 * The shipped rules with 26 h as {@link #THRESHOLD_SECONDS} seconds and every
	 * {@code for:} 1 s; the windows ([7d], [26h], [1d]) stay.
	 */
	static String testRules() throws IOException {
		YAMLMapper yaml = YAMLMapper.builder().build();
		JsonNode spec = yaml.readTree(Path.of("k8s/monitoring/prometheus-rule.yaml").toFile()).get("spec");
		String rules = yaml.writeValueAsString(spec);
		assertThat(rules).contains("26 * 3600");
		return rules.replace("26 * 3600", Integer.toString(THRESHOLD_SECONDS))
			.replaceAll("(?m)^(\\s*)for: \\S+$", "$1for: 1s");
	}

}

package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.writebackbatch.report.SummarySchema;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The fleet at a glance: three simulated tenants share one job repository; {@code runs
 * --fleet} shows each tenant's own latest run of each definition (never another
 * tenant's), its drift and when its next full listing is due, and a tenant without runs
 * as such.
 */
class FleetFunctionalTests {

	static final String CONTOSO = "11111111-1111-4111-8111-111111111111";

	static final String FABRIKAM = "22222222-2222-4222-8222-222222222222";

	static final String NORTHWIND = "33333333-3333-4333-8333-333333333333";

	static final String CLIENT = "aaaaaaaa-1111-4111-8111-111111111111";

	/**
	 * A definition's name is free text: markup in it must stay text in the fleet report.
	 */
	static final String HOSTILE_NAME = "<img src=x onerror=\"window.pwned=1\"> *x*";

	@TempDir
	Path dir;

	final List<GraphSimulator> simulators = new ArrayList<>();

	Cli repository;

	@BeforeEach
	void fleet() throws IOException {
		Files.writeString(dir.resolve("nightly.yaml"),
				"name: nightly\naction: disable\nmaxChanges: 100000\ninventory: incremental\n");
		Files.writeString(dir.resolve("weekly.yaml"), "name: weekly\naction: disable\nmaxChanges: 100000\n");
		Files.writeString(dir.resolve("odd.yaml"), "name: '" + HOSTILE_NAME + "'\naction: disable\n");
		Files.writeString(dir.resolve("fleet.yaml"), "tenants:\n" + tenant("contoso", CONTOSO, "[nightly.yaml]")
				+ tenant("fabrikam", FABRIKAM, "[nightly.yaml, odd.yaml]")
				+ tenant("northwind", NORTHWIND, "[nightly.yaml, weekly.yaml]") + "    domain: northwind.example\n");
		// the asking process's own settings: a tenant's next full listing follows its
		// deployment's instead
		// (eachTenantsNextFullListingFollowsItsOwnDeploymentsSettings)
		repository = new Cli("http://127.0.0.1:1/beta", "unused", dir.resolve("reports"))
			.with("writeback.graph.page-size", "5");
	}

	static String tenant(String name, String id, String definitions) {
		return "  - name: " + name + "\n    tenantId: " + id + "\n    credential:\n      clientId: " + CLIENT
				+ "\n    definitions: " + definitions + "\n    schedule: \"30 1 * * *\"\n";
	}

	@AfterEach
	void stop() {
		simulators.forEach(GraphSimulator::close);
	}

	/** The CLI of one simulated tenant's deployment, on the fleet's one repository. */
	Cli deployment(String tenantId, int seed) throws IOException {
		GraphSimulator sim = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token("token-" + seed)
			.tenantId(tenantId)
			.seed(seed)
			.unifiedGroups(40)
			.build());
		simulators.add(sim);
		// pages of 5 keep the nightly's re-read cheaper than listing everything (one page
		// at
		// 999): its next full listing stays a date
		return repository.with("writeback.graph.base-url", sim.baseUrl())
			.with("writeback.graph.page-size", "5")
			.with("writeback.graph.access-token", sim.token())
			.with("writeback.tenant.id", tenantId);
	}

	@Test
	void runsAcrossTheFleetShowEachTenantsOwnLatestRunsAndTheTenantsWithout() throws IOException {
		Cli contoso = deployment(CONTOSO, 1);
		succeeds(contoso, "apply", "--definition", dir.resolve("nightly.yaml").toString());
		GraphSimulator contosoGraph = simulators.get(0);
		String turned = DisableAll.patchedGroups(contosoGraph).stream().sorted().findFirst().orElseThrow();
		contosoGraph.tenant().setWriteback(turned, true, null);
		succeeds(contoso, "apply", "--definition", dir.resolve("nightly.yaml").toString());
		Cli fabrikam = deployment(FABRIKAM, 2);
		succeeds(fabrikam, "plan", "--definition", dir.resolve("nightly.yaml").toString());

		Cli.Result runs = repository.run("runs", "--fleet", dir.resolve("fleet.yaml").toString());

		assertThat(runs.exitCode()).as(runs.all()).isZero();
		List<String> lines = runs.out().lines().toList();
		assertThat(lines).as(runs.out()).hasSize(6);
		assertThat(lines.get(0)).containsPattern(
				"^TENANT +DEFINITION +RUN +MODE +STATUS +STARTED +CHANGED +FAILED +DRIFT +NEXT FULL LISTING +TENANT ID$");
		assertThat(lines.get(1)).as("contoso: its second apply, which found the turned-back group and set it again")
			.containsPattern("^contoso +nightly +2 apply +COMPLETED +\\d{4}-\\d\\d-\\d\\dT[0-9:]{8} +1 +0 +1  "
					+ "after \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +" + CONTOSO + " \\(global\\)$");
		assertThat(lines.get(2)).as("fabrikam: its own plan, not contoso's applies")
			.containsPattern("^fabrikam +nightly +3 plan +COMPLETED .* +0 +0 +- +next run +" + FABRIKAM);
		assertThat(lines.get(3)).containsPattern("^fabrikam +<img src=x .* +NO RUNS .* every run +" + FABRIKAM);
		assertThat(lines.get(4)).as("northwind has no runs")
			.containsPattern("^northwind +nightly +- +- +NO RUNS +- +- +- +- +next run +" + NORTHWIND);
		assertThat(lines.get(5)).containsPattern("^northwind +weekly +- +- +NO RUNS .* every run +" + NORTHWIND);
	}

	/**
	 * {@code runs --fleet} runs elsewhere (a workstation) with settings of its own: each
	 * tenant's next full listing follows the settings its own deployment ran with
	 * (recorded with each run), not the asking process's. Contoso's pages of 5 and a
	 * 3-day full listing give a date 3 days on (the asker's 30 days would say a month);
	 * fabrikam's pages of 999 make listing its 40 groups cheaper than re-reading them by
	 * id (the asker's pages of 5 would say a week).
	 */
	@Test
	void eachTenantsNextFullListingFollowsItsOwnDeploymentsSettings() throws IOException {
		Cli contoso = deployment(CONTOSO, 1).with("writeback.change-control.full-inventory-every", "3d");
		succeeds(contoso, "apply", "--definition", dir.resolve("nightly.yaml").toString());
		Cli fabrikam = deployment(FABRIKAM, 2).with("writeback.graph.page-size", "999");
		succeeds(fabrikam, "apply", "--definition", dir.resolve("nightly.yaml").toString());

		Cli.Result runs = repository.with("writeback.change-control.full-inventory-every", "30d")
			.run("runs", "--fleet", dir.resolve("fleet.yaml").toString());

		assertThat(runs.exitCode()).as(runs.all()).isZero();
		List<String> lines = runs.out().lines().toList();
		Matcher contosoLine = Pattern
			.compile("^contoso +nightly +1 apply +COMPLETED +(\\S+) .* after (\\S+ \\S+) +" + CONTOSO + ".*$")
			.matcher(lines.get(1));
		assertThat(contosoLine.matches()).as(runs.out()).isTrue();
		String due = LocalDateTime.parse(contosoLine.group(1))
			.plusDays(3)
			.toString()
			.substring(0, 16)
			.replace('T', ' ');
		assertThat(contosoLine.group(2)).as("3 days after contoso's full listing, by its own setting").isEqualTo(due);
		assertThat(lines.get(2)).as("fabrikam: listing its groups is cheaper at its own 999 a page")
			.containsPattern("^fabrikam +nightly +2 apply +COMPLETED .* next run +" + FABRIKAM);
	}

	/**
	 * The fleet report in headless Chromium: every tenant with its latest runs, each
	 * linking to its run's report (written again when it is not in the folder), which
	 * names the run's tenant; markup in a definition's name stays text.
	 */
	@Test
	void theFleetReportShowsEveryTenantsLatestRunsAndLinksToEachRunsReport() throws IOException {
		Cli contoso = deployment(CONTOSO, 1);
		succeeds(contoso, "apply", "--definition", dir.resolve("nightly.yaml").toString());
		succeeds(deployment(FABRIKAM, 2), "plan", "--definition", dir.resolve("odd.yaml").toString());
		assertThat(SummarySchema.read(dir.resolve("reports/1/summary.json")).path("tenant").path("id").asString())
			.isEqualTo(CONTOSO);
		deleteRecursively(dir.resolve("reports/2")); // as if another tenant's pod had
														// written it

		Cli.Result report = repository.run("report", "--fleet", dir.resolve("fleet.yaml").toString());

		assertThat(report.exitCode()).as(report.all()).isZero();
		Path page = dir.resolve("reports/fleet.html");
		assertThat(report.out()).contains("Fleet report: " + page);
		try (HeadlessChromium chromium = new HeadlessChromium(dir.resolve("chromium"), 1280, 1000)) {
			chromium.driver.get(page.toUri().toString());
			List<WebElement> tenants = chromium.driver.findElements(By.cssSelector("section.tenant"));
			assertThat(tenants).extracting(t -> t.getAttribute("data-tenant"))
				.containsExactly(CONTOSO, FABRIKAM, NORTHWIND);
			assertThat(tenants.get(0).findElement(By.tagName("h2")).getText()).isEqualTo("contoso");
			assertThat(tenants.get(2).findElement(By.tagName("h2")).getText())
				.isEqualTo("northwind (northwind.example)");
			assertThat(tenants.get(1).getText()).as("markup in a name is text").contains(HOSTILE_NAME);
			assertThat(chromium.driver.executeScript("return window.pwned === undefined")).isEqualTo(true);
			assertThat(tenants.get(2).findElements(By.cssSelector("p.none"))).as("northwind: no runs, twice")
				.hasSize(2);
			WebElement run2 = chromium.driver.findElement(By.cssSelector("tr[data-run='2']"));
			assertThat(run2.getText()).contains("run 2").contains("plan").contains("COMPLETED");
			assertThat(tenants.get(0).findElements(By.cssSelector("tr[data-run]"))).as("contoso: only its own run")
				.extracting(r -> r.getAttribute("data-run"))
				.containsExactly("1");

			run2.findElement(By.tagName("a")).click();
			new WebDriverWait(chromium.driver, Duration.ofSeconds(30)).until(d -> "true"
				.equals(chromium.driver.executeScript("return document.documentElement.getAttribute('data-ready')")));
			assertThat(chromium.driver.getCurrentUrl()).endsWith("/reports/2/report.html");
			assertThat(chromium.driver.findElement(By.id("facts")).getText())
				.contains("Tenant " + FABRIKAM + " (global)");
		}
	}

	static void deleteRecursively(Path folder) throws IOException {
		try (var files = Files.walk(folder)) {
			for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

	@Test
	void aWrongFleetFileIsRefusedNamingTheFileAndField() throws IOException {
		Path fleet = Files.writeString(dir.resolve("bad-fleet.yaml"),
				tenant("contoso", CONTOSO, "[nightly.yaml]").replace("schedule:", "schedul:")
					.replaceFirst("^", "tenants:\n"));

		Cli.Result runs = repository.run("runs", "--fleet", fleet.toString());

		assertThat(runs.exitCode()).as(runs.all()).isEqualTo(2);
		assertThat(runs.err()).startsWith("error: " + fleet + ":7: unknown field 'tenants[0].schedul'");
		assertThat(runs.out()).isEmpty();
	}

	static void succeeds(Cli cli, String... args) {
		Cli.Result result = cli.run(args);
		assertThat(result.exitCode()).as(result.all()).isZero();
	}

}

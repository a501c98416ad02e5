package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import io.writebackbatch.BuildDirectory;
import io.writebackbatch.report.SummarySchema;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.GroupView;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import tools.jackson.databind.JsonNode;

/**
 * report.html as a reviewer sees it: the plan of a 10,000-group simulated tenant, opened
 * from disk in headless Chromium. Keeps a screenshot in
 * {@code job/target/report-browser/report.png} (the README's picture is one). The page's
 * time to interactive at 200,000 groups is {@link ReportPageBench}'s (mvn -Pbench): it
 * takes minutes to plan and draw, so it stays out of the default run.
 */
class ReportBrowserFunctionalTests {

	static final int GROUPS = Integer.getInteger("report.browser.groups", 10_000);

	/**
	 * An end user's group name that is a formula, markup and a Markdown table breaker at
	 * once.
	 */
	static final String HOSTILE_NAME = "=HYPERLINK(\"http://x\") <img src=x onerror=\"window.pwned=1\"> | *x*";

	@TempDir
	static Path dir;

	static GraphSimulator sim;

	static GroupView hostile;

	static JsonNode summary;

	static HeadlessChromium chromium;

	static double readyMs;

	@BeforeAll
	static void planAndOpen() throws IOException {
		sim = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token("report-token")
			.seed(14)
			.unifiedGroups(GROUPS)
			.nonUnifiedGroups(0)
			.build());
		hostile = sim.tenant().createUnifiedGroup(HOSTILE_NAME);
		Cli.Result plan = new Cli(sim.baseUrl(), sim.token(), dir.resolve("reports"))
			.with("writeback.graph.page-size", "999")
			.run("plan", "--definition", "jobs/disable-all.yaml");
		assertThat(plan.exitCode()).as(plan.all()).isZero();
		summary = SummarySchema.read(dir.resolve("reports/1/summary.json"));
		chromium = new HeadlessChromium(dir.resolve("chromium"), 1280, 1250);
		readyMs = chromium.open(dir.resolve("reports/1/report.html"), Duration.ofSeconds(30));
		chromium.screenshot(BuildDirectory.resolve("report-browser/report.png"));
	}

	@AfterAll
	static void close() {
		if (chromium != null) {
			chromium.close();
		}
		if (sim != null) {
			sim.close();
		}
	}

	@Test
	void thePageIsInteractiveWithinThreeSeconds() {
		assertThat(summary.get("groups").asLong()).isEqualTo(GROUPS + 1);
		assertThat(readyMs).as("ms from navigation to the table drawn and wired").isLessThan(3000);
	}

	@Test
	void theChartsAreDrawn() {
		for (String chart : List.of("states", "reasons", "outcomes")) {
			List<WebElement> bars = chromium.driver.findElements(By.cssSelector("#chart-" + chart + " svg rect"));
			assertThat(bars).as(chart + " bars and legend").isNotEmpty();
		}
		assertThat(chromium.driver.findElements(By.id("chart-timeline"))).as("no timeline for a plan").isEmpty();
	}

	@Test
	void theCountsShownAreTheSummarys() {
		List<WebElement> counts = chromium.driver.findElements(By.cssSelector("[data-count]"));
		assertThat(counts).hasSize(7);
		for (WebElement count : counts) {
			String field = count.getAttribute("data-count");
			assertThat(Long.parseLong(count.getText().replace(",", ""))).as(field)
				.isEqualTo(summary.get(field).asLong());
		}
		assertThat(chromium.driver.findElement(By.id("table-count")).getText())
			.endsWith(String.format("%,d groups", summary.get("change").asLong()));
	}

	@Test
	void theHeadlineSaysWhatRanAndHowItEnded() {
		String headline = chromium.driver.findElement(By.id("headline")).getText();
		assertThat(headline).startsWith("Run 1 of “disable-all” (plan, a dry run) completed: started ")
			.containsPattern("started \\w{3} \\d{1,2} \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d \\w+")
			.containsPattern("after \\d+ (ms|s|min \\d+ s)")
			.contains("UTC")
			.contains("; run by " + System.getProperty("user.name"));
		assertThat(summary.get("endedAt").isString()).isTrue();
	}

	@Test
	void filteringForOneGroupNameFindsIt() {
		var changed = DisableAll.groupsToChange(sim.tenant().unifiedGroups());
		GroupView group = sim.tenant()
			.unifiedGroups()
			.stream()
			.filter(g -> changed.contains(g.id()) && g.displayName().endsWith("0042"))
			.findFirst()
			.orElseThrow();
		List<List<String>> rows = filter(group.displayName());

		assertThat(rows).extracting(r -> r.get(1)).contains(group.id());
		assertThat(rows).allSatisfy(r -> assertThat(r.get(0)).containsIgnoringCase(group.displayName()));
	}

	@Test
	void aHostileGroupNameIsShownAsTextAndRunsNothing() {
		List<List<String>> rows = filter("HYPERLINK");

		assertThat(rows).singleElement().satisfies(r -> assertThat(r.get(0)).isEqualTo(HOSTILE_NAME));
		assertThat(chromium.driver.executeScript("return window.pwned === undefined")).isEqualTo(true);
	}

	@Test
	void theOutcomeFilterAndSortingWork() {
		filter("");
		new Select(chromium.driver.findElement(By.id("filter-outcome"))).selectByVisibleText("planned");
		assertThat(chromium.driver.findElement(By.id("table-count")).getText())
			.startsWith(String.format("%,d of", summary.get("pending").asLong()));
		chromium.driver.findElement(By.cssSelector("#groups th[data-sort='0']")).click();
		chromium.driver.findElement(By.cssSelector("#groups th[data-sort='0']")).click();
		List<String> names = visibleRows().stream().map(r -> r.get(0)).toList();
		assertThat(names).hasSize(100).isSortedAccordingTo(Comparator.reverseOrder());
		new Select(chromium.driver.findElement(By.id("filter-outcome"))).selectByIndex(0);
	}

	private static List<List<String>> filter(String text) {
		WebElement input = chromium.driver.findElement(By.id("filter-text"));
		input.clear();
		input.sendKeys(text);
		String wanted = text;
		new WebDriverWait(chromium.driver, Duration.ofSeconds(10)).until(d -> {
			List<List<String>> rows = visibleRows();
			return wanted.isEmpty()
					|| rows.stream().allMatch(r -> r.get(0).toLowerCase().contains(wanted.toLowerCase()));
		});
		return visibleRows();
	}

	/**
	 * The cells of the rows on the current page, read in one script call (the table is
	 * redrawn as one types).
	 */
	@SuppressWarnings("unchecked")
	private static List<List<String>> visibleRows() {
		return (List<List<String>>) chromium.driver.executeScript("return Array.from(document.querySelectorAll("
				+ "'#groups-body tr')).map(tr => Array.from(tr.cells).map(td => td.textContent)).filter(c => c.length === 8)");
	}

}

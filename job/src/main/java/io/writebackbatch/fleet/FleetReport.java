package io.writebackbatch.fleet;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.writebackbatch.definition.Fleet;
import io.writebackbatch.report.ReportFileException;
import io.writebackbatch.report.ReportProperties;
import io.writebackbatch.report.ReportWriter;
import io.writebackbatch.report.RunReport;
import io.writebackbatch.runs.RunService;
import io.writebackbatch.templates.Templates;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The fleet report: one self-contained HTML page ({@code fleet.html} in the report
 * folder) with every tenant's latest runs of each definition, each linking to its run's
 * report. A linked run whose report is not in this folder (another pod wrote it, or it
 * was pruned from disk) gets its report written again from the job repository, so no link
 * is dead.
 */
@Service
public class FleetReport {

	/** HTML-escaped by default: names and domains come from files people write. */
	private static final Template PAGE = Templates.compile(FleetReport.class, "fleet.html.mustache",
			Mustache.compiler());

	static final String FILE_NAME = "fleet.html";

	private final FleetStatus status;

	private final ReportWriter reports;

	private final RunService runs;

	private final ReportProperties properties;

	public FleetReport(FleetStatus status, ReportWriter reports, RunService runs, ReportProperties properties) {
		this.status = status;
		this.reports = reports;
		this.runs = runs;
		this.properties = properties;
	}

	/** Writes the page and returns where. */
	public Path write(Fleet fleet) {
		List<FleetStatus.Line> lines = status.of(fleet);
		Path folder = properties.directory().toAbsolutePath().normalize();
		Path page = folder.resolve(FILE_NAME);
		try {
			Files.createDirectories(folder);
		}
		catch (IOException e) {
			throw new ReportFileException(folder, e);
		}
		// a run's report written again fails as its own report file
		// (ReportFileException), the job repository's failure as the repository's
		for (FleetStatus.Line line : lines) {
			for (RunReport run : line.latest()) {
				if (!Files.isRegularFile(reports.directory(run.runId()).resolve("report.html"))) {
					reports.write(runs.requireExecution(run.runId()));
				}
			}
		}
		// a local write failure (a full disk answers a plain IOException) is the
		// page's, never "the network failed"
		try (BufferedWriter out = Files.newBufferedWriter(page, StandardCharsets.UTF_8)) {
			Templates.write(PAGE, new Page(fleet, lines, Instant.now()), out);
		}
		catch (IOException e) {
			throw new ReportFileException(page, e);
		}
		return page;
	}

	/** What the template sees. */
	record Page(String title, String generated, String fleetFile, List<TenantView> tenants) {

		Page(Fleet fleet, List<FleetStatus.Line> lines, Instant now) {
			this("writeback-batch fleet: " + fleet.tenants().size() + " tenant(s)",
					now.toString().substring(0, 19) + "Z", fleet.file().toString(), tenants(lines));
		}

		private static List<TenantView> tenants(List<FleetStatus.Line> lines) {
			Map<Fleet.Member, List<DefinitionView>> byTenant = new LinkedHashMap<>();
			for (FleetStatus.Line line : lines) {
				byTenant.computeIfAbsent(line.member(), m -> new ArrayList<>()).add(DefinitionView.of(line));
			}
			return byTenant.entrySet()
				.stream()
				.map(e -> new TenantView(e.getKey().name(), e.getKey().domain(), e.getKey().tenant().id().value(),
						e.getKey().tenant().cloud().label(), e.getValue()))
				.toList();
		}

	}

	record TenantView(String name, @Nullable String domain, String id, String cloud, List<DefinitionView> definitions) {
	}

	record DefinitionView(String name, String nextFullListing, boolean noRuns, List<RunView> runs) {

		static DefinitionView of(FleetStatus.Line line) {
			return new DefinitionView(line.definition().name(), line.nextFullListing().toString(),
					line.latest().isEmpty(), line.latest().stream().map(RunView::of).toList());
		}

	}

	/**
	 * @param href the run's report, relative to the fleet report
	 * @param outcome ok, failed or other: the row's colour
	 */
	record RunView(long id, String href, String mode, String status, String outcome, String started, long changed,
			long failed, String drift) {

		static RunView of(RunReport run) {
			Long drift = FleetStatus.Line.drift(run);
			String outcome = switch (run.status()) {
				case "COMPLETED" -> run.failed() == 0 ? "ok" : "failed";
				case "FAILED", "STOPPED", "ABANDONED" -> "failed";
				default -> "other";
			};
			return new RunView(run.runId(), run.runId() + "/report.html", run.mode(), run.status(), outcome,
					run.startedAt() == null ? "-" : run.startedAt().toString().substring(0, 19) + "Z", run.updated(),
					run.failed(), drift == null ? "-" : drift.toString());
		}

	}

}

package io.writebackbatch.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

import io.writebackbatch.definition.JobDefinition;
import io.writebackbatch.definition.NewGroupWriteback;
import io.writebackbatch.domain.Tenant;
import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.failure.Failures;
import io.writebackbatch.graph.GraphConnection;
import io.writebackbatch.graph.GroupDirectory;
import io.writebackbatch.report.ReportWriter;
import io.writebackbatch.report.RunReport;
import io.writebackbatch.runs.RunHistory;
import io.writebackbatch.runs.RunKey;
import io.writebackbatch.runs.RunService;
import io.writebackbatch.runs.RunTenant;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * {@code check}: proves, for this deployment's tenant and without writing anything, that
 * the credential gives a token, that the token is for the declared tenant and cloud, that
 * it carries the permissions each definition needs, that Graph answers, and how long a
 * first apply would take. Onboarding a tenant is this one command; a nightly that starts
 * with it fails fast on a tenant whose consent was revoked.
 */
@Service
public class TenantCheck {

	/**
	 * Graph's documented tenant-wide write limit, 18,000 writes per 5 minutes: the
	 * fastest a first apply can go when no apply of the tenant was measured yet.
	 */
	static final double DOCUMENTED_WRITES_PER_SECOND = 18_000 / 300.0;

	private static final Set<String> WRITE_GROUPS = Set.of("Group.ReadWrite.All", "Directory.ReadWrite.All");

	private static final Set<String> WRITE_SETTINGS = Set.of("GroupSettings.ReadWrite.All", "Directory.ReadWrite.All");

	private final ObjectProvider<GraphConnection> graph;

	private final RunTenant tenant;

	private final RunService runs;

	private final ReportWriter reports;

	public TenantCheck(ObjectProvider<GraphConnection> graph, RunTenant tenant, RunService runs, ReportWriter reports) {
		this.graph = graph;
		this.tenant = tenant;
		this.runs = runs;
		this.reports = reports;
	}

	public List<CheckLine> check(List<JobDefinition> definitions) {
		List<CheckLine> lines = new ArrayList<>();
		GraphConnection connection = graph.getObject();
		if (!add(lines, "credential", () -> {
			connection.checkCredential();
			return "a token was issued for " + connection.baseUri().getHost();
		})) {
			return lines;
		}
		Tenant proven;
		try {
			proven = tenant.current();
			lines.add(CheckLine.ok("tenant",
					"the token is for tenant " + proven
							+ (tenant.declaredId() == null
									? " (none declared: set WRITEBACK_TENANT_ID to have runs refuse " + "any other)"
									: ", as declared")));
		}
		catch (RuntimeException e) {
			lines.add(failed("tenant", e));
			return lines;
		}
		Optional<Set<String>> granted = connection.tokenPermissions();
		for (JobDefinition definition : definitions) {
			lines.add(permissions(definition, granted));
		}
		OptionalLong[] groups = { OptionalLong.empty() };
		add(lines, "graph", () -> {
			GroupDirectory directory = new GroupDirectory(connection);
			directory.firstPage();
			groups[0] = directory.countUnifiedGroups();
			return "answered" + (groups[0].isPresent() ? ": " + groups[0].getAsLong() + " Microsoft 365 groups" : "");
		});
		for (JobDefinition definition : definitions) {
			lines.add(estimate(proven, definition, groups[0]));
		}
		return lines;
	}

	private static CheckLine permissions(JobDefinition definition, Optional<Set<String>> granted) {
		String what = "permissions of " + definition.name();
		if (granted.isEmpty()) {
			return CheckLine.ok(what, "cannot be read from an opaque token: a first 'plan' shows a missing one");
		}
		List<String> missing = new ArrayList<>();
		if (granted.get().stream().noneMatch(WRITE_GROUPS::contains)) {
			missing.add("Group.ReadWrite.All");
		}
		if (definition.document().newGroupWriteback() != NewGroupWriteback.UNCHANGED
				&& granted.get().stream().noneMatch(WRITE_SETTINGS::contains)) {
			missing.add("GroupSettings.ReadWrite.All (newGroupWriteback)");
		}
		return missing.isEmpty() ? CheckLine.ok(what, "granted (" + String.join(", ", granted.get()) + ")")
				: new CheckLine(what,
						"the token lacks " + String.join(" and ", missing)
								+ ": grant it to the app in this tenant and give admin consent",
						FailureKind.PERMISSION);
	}

	/**
	 * A first apply writes each group at most once: the groups at the tenant's measured
	 * write rate (its last completed apply), else at Graph's documented limit.
	 */
	private CheckLine estimate(Tenant proven, JobDefinition definition, OptionalLong groups) {
		String what = "first apply of " + definition.name();
		if (groups.isEmpty()) {
			return CheckLine.ok(what, "no estimate: Graph did not count the groups");
		}
		RunKey key = new RunKey(proven, definition.name());
		Optional<RunReport> measured = runs.recentRuns(1_000)
			.stream()
			.filter(key::matches)
			.filter(RunHistory::isCompletedApply)
			.map(reports::summarize)
			.filter(report -> report.updated() > 0 && !report.duration().isZero())
			.findFirst();
		double rate = measured.map(r -> r.updated() / (r.duration().toMillis() / 1000.0))
			.orElse(DOCUMENTED_WRITES_PER_SECOND);
		Duration duration = Duration.ofSeconds((long) Math.ceil(groups.getAsLong() / rate));
		return CheckLine.ok(what, "at most about " + format(duration) + " for " + groups.getAsLong() + " groups at "
				+ String.format("%.0f", rate) + " writes/s (" + measured.map(r -> "measured by run " + r.runId())
					.orElse("Graph's tenant-wide write limit; no apply measured yet")
				+ ")");
	}

	private static String format(Duration duration) {
		long s = duration.toSeconds();
		return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
				: s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + " s";
	}

	private static boolean add(List<CheckLine> lines, String what, Supplier<String> check) {
		try {
			lines.add(CheckLine.ok(what, check.get()));
			return true;
		}
		catch (RuntimeException e) {
			lines.add(failed(what, e));
			return false;
		}
	}

	private static CheckLine failed(String what, RuntimeException e) {
		var failure = Failures.classify(e);
		return new CheckLine(what, failure.message(), failure.kind());
	}

}

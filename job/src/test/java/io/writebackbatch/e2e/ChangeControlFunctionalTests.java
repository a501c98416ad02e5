package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.writebackbatch.report.SummarySchema;
import io.writebackbatch.simulator.FaultConfig;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.GroupView;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * Applying a reviewed plan ({@code apply --plan}) and the drift report, through the CLI.
 * Its refusals (catalogue cases 230-259) run through the packaged CLI in
 * {@link ChangeControlCatalogueIT}.
 */
class ChangeControlFunctionalTests {

	GraphSimulator sim;

	@TempDir
	Path dir;

	Cli cli;

	Path definition;

	@BeforeEach
	void setUp() throws IOException {
		sim = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token("test-token")
			.seed(12)
			.unifiedGroups(300)
			.nonUnifiedGroups(30)
			.build());
		cli = new Cli(sim.baseUrl(), sim.token(), dir.resolve("reports"));
		definition = dir.resolve("disable.yaml");
		Files.writeString(definition, "action: disable\nmaxChanges: 100000\n");
	}

	@AfterEach
	void tearDown() {
		sim.close();
	}

	@Test
	void applyingAReviewedPlanWritesOnlyThePlannedGroupsThatDidNotChangeSince() throws IOException {
		Map<String, GroupView> before = snapshot();
		Set<String> planned = DisableAll.groupsToChange(before.values());
		Cli.Result plan = cli.run("plan", "--definition", definition.toString());
		assertThat(plan.exitCode()).as(plan.all()).isZero();
		String digest = summary(1).path("changeControl").path("plan").path("digest").asString();
		assertThat(digest).matches("[0-9a-f]{64}");
		assertThat(plan.out()).contains("apply --plan 1 --digest " + digest);
		assertThat(summary(1).path("changeControl").path("plan").path("changes").asLong()).isEqualTo(planned.size());

		// someone else, between approval and apply
		String reEnabled = planned.stream()
			.filter(id -> before.get(id).writebackEnabled() == null)
			.sorted()
			.findFirst()
			.orElseThrow();
		sim.tenant().setWriteback(reEnabled, true, "universalSecurityGroup");
		String deleted = planned.stream().filter(id -> !id.equals(reEnabled)).sorted().findFirst().orElseThrow();
		sim.tenant().deleteGroup(deleted);
		String created = sim.tenant().createUnifiedGroup("Created After The Plan").id();
		String outsidePlan = before.values()
			.stream()
			.filter(g -> Boolean.FALSE.equals(g.writebackEnabled()))
			.map(GroupView::id)
			.sorted()
			.findFirst()
			.orElseThrow();
		sim.tenant().setWriteback(outsidePlan, true, null);
		int auditBefore = sim.audit().size();

		Cli.Result apply = cli.run("apply", "--plan", "1", "--digest", digest);

		assertThat(apply.exitCode()).as(apply.all()).isZero();
		Set<String> expected = new HashSet<>(planned);
		expected.removeAll(Set.of(reEnabled, deleted));
		List<String> patched = sim.audit()
			.stream()
			.skip(auditBefore)
			.filter(e -> e.method().equals("PATCH"))
			.map(e -> e.target())
			.toList();
		assertThat(patched).doesNotHaveDuplicates();
		assertThat(Set.copyOf(patched)).isEqualTo(expected);
		assertThat(sim.tenant().group(reEnabled).orElseThrow().writebackEnabled()).isTrue();
		assertThat(sim.tenant().group(created).orElseThrow().writebackEnabled()).isNull();
		assertThat(sim.tenant().group(outsidePlan).orElseThrow().writebackEnabled()).isTrue();
		JsonNode summary = summary(2);
		JsonNode control = summary.path("changeControl");
		assertThat(control.path("inventory").asString()).isEqualTo("PLANNED_GROUPS");
		assertThat(control.path("appliedPlan").path("runId").asLong()).isEqualTo(1);
		assertThat(control.path("appliedPlan").path("digest").asString()).isEqualTo(digest);
		assertThat(control.path("appliedPlan").path("plannedAt").asString()).isNotEmpty();
		assertThat(control.path("driftedSincePlan").asLong()).isEqualTo(1);
		assertThat(control.path("deletedSincePlan").toString()).isEqualTo("[\"" + deleted + "\"]");
		assertThat(summary.path("updated").asLong()).isEqualTo(expected.size());
		assertThat(summary.path("skippedByReason").path("DRIFTED_SINCE_PLAN").asLong()).isEqualTo(1);
		assertThat(apply.out()).contains("Carried out plan").contains("run 1, digest " + digest);
		assertThat(Files.readString(dir.resolve("reports/2/report.html"))).contains("Deleted since the plan")
			.contains(deleted);

		Cli.Result again = cli.run("apply", "--plan", "1");
		assertThat(again.exitCode()).as(again.all()).isEqualTo(2);
		assertThat(again.err()).contains("already carried out by run 2");
	}

	@Test
	void forceAppliesThePlannedStateToDriftedGroups() throws IOException {
		Set<String> planned = DisableAll.groupsToChange(snapshot().values());
		assertThat(cli.run("plan", "--definition", definition.toString()).exitCode()).isZero();
		String drifted = planned.stream().sorted().findFirst().orElseThrow();
		sim.tenant().setWriteback(drifted, true, "universalSecurityGroup");

		Cli.Result apply = cli.run("apply", "--plan", "1", "--force");

		assertThat(apply.exitCode()).as(apply.all()).isZero();
		assertThat(sim.tenant().group(drifted).orElseThrow().writebackEnabled()).isFalse();
		assertThat(DisableAll.patchedGroups(sim)).containsExactlyInAnyOrderElementsOf(planned);
		// issue 21: the overwritten drift is counted and reported as a forced override
		JsonNode control = summary(2).path("changeControl");
		assertThat(control.path("driftedSincePlan").asLong()).isEqualTo(1);
		assertThat(control.path("forcedOverDrift").asLong()).isEqualTo(1);
		assertThat(apply.out()).contains("| Changed since the plan (left alone) | 0 |")
			.contains("| Changed since the plan, planned state written anyway (--force) | 1 |");
		assertThat(groupsCsv(2)).filteredOn(row -> row.startsWith(drifted))
			.singleElement()
			.satisfies(row -> assertThat(row).contains("FORCED_OVER_DRIFT").contains("(--force)"));
	}

	/**
	 * Issue 20: with a gateway's HTML 502 on 3 % of requests, apply --plan stopped at the
	 * re-read with Gson's JsonSyntaxException. Here 15 % (so the re-read's envelopes
	 * surely meet several) must not stop it.
	 */
	@Test
	void applyOfAPlanCompletesThroughAGatewaysHtmlErrors() {
		Set<String> planned = DisableAll.groupsToChange(snapshot().values());
		assertThat(cli.run("plan", "--definition", definition.toString()).exitCode()).isZero();
		sim.faults(FaultConfig.none().gatewayErrorRate(0.15));

		Cli.Result apply = cli.run("apply", "--plan", "1");

		assertThat(apply.exitCode()).as(apply.all()).isZero();
		assertThat(apply.all()).doesNotContain("JsonSyntaxException").doesNotContain("\tat ");
		assertThat(Set.copyOf(DisableAll.patchedGroups(sim))).isEqualTo(planned);
	}

	@Test
	void anInterruptedApplicationOfAPlanIsResumedThenRolledBack() throws IOException {
		Map<String, GroupView> before = snapshot();
		Set<String> planned = DisableAll.groupsToChange(before.values());
		assertThat(cli.run("plan", "--definition", definition.toString()).exitCode()).isZero();
		sim.faults(FaultConfig.none().errorRate(1.0));

		Cli.Result failed = cli.run(Map.of("writeback.graph.max-retries", "1"), "apply", "--plan", "1");

		assertThat(failed.exitCode()).as(failed.all()).isEqualTo(3);
		sim.faults(FaultConfig.none());
		Cli.Result resumed = cli.run("apply", "--plan", "1");
		assertThat(resumed.exitCode()).as(resumed.all()).isZero();
		assertThat(Set.copyOf(DisableAll.patchedGroups(sim))).isEqualTo(planned);
		assertThat(summary(2).path("changeControl").path("appliedPlan").path("runId").asLong()).isEqualTo(1);
		assertThat(summary(2).path("updated").asLong()).isEqualTo(planned.size());

		Cli.Result rollback = cli.run("rollback", "--run", "2", "--apply");
		assertThat(rollback.exitCode()).as(rollback.all()).isZero();
		for (String id : planned) {
			assertThat(sim.tenant().group(id).orElseThrow().writebackEnabled()).as(id).isNotEqualTo(Boolean.FALSE);
		}
	}

	@Test
	void groupsTurnedBackOnSinceTheLastApplyAreReportedAndChangedAgain() throws IOException {
		assertThat(cli.run("apply", "--definition", definition.toString()).exitCode()).isZero();
		List<String> disabled = DisableAll.patchedGroups(sim).stream().sorted().limit(2).toList();
		disabled.forEach(id -> sim.tenant().setWriteback(id, true, null));
		int auditBefore = sim.audit().size();

		Cli.Result second = cli.run("apply", "--definition", definition.toString());

		assertThat(second.exitCode()).as(second.all()).isZero();
		JsonNode reverted = summary(2).path("changeControl").path("reverted");
		assertThat(reverted.path("sinceRun").asLong()).isEqualTo(1);
		assertThat(reverted.path("count").asLong()).isEqualTo(2);
		Set<String> listed = new HashSet<>();
		reverted.path("groups").forEach(g -> {
			listed.add(g.path("id").asString());
			assertThat(g.path("changedAgain").asBoolean()).isTrue();
		});
		assertThat(listed).isEqualTo(Set.copyOf(disabled));
		assertThat(sim.audit()
			.stream()
			.skip(auditBefore)
			.filter(e -> e.method().equals("PATCH"))
			.map(e -> e.target())
			.collect(Collectors.toSet())).isEqualTo(Set.copyOf(disabled));
		assertThat(second.out()).contains("Turned back since run 1 | 2");
	}

	@Test
	void theProcedureDefinitionPlansBothCloudParts() throws IOException {
		Cli.Result plan = cli.run("plan", "--definition", "jobs/microsoft-procedure.yaml");

		assertThat(plan.exitCode()).as(plan.all()).isZero();
		JsonNode summary = summary(1);
		assertThat(summary.path("newGroupDefault").asString()).contains("false");
		assertThat(summary.path("change").asLong())
			.isEqualTo(DisableAll.groupsToChange(sim.tenant().unifiedGroups()).size());
		assertThat(sim.audit()).isEmpty();
	}

	private Map<String, GroupView> snapshot() {
		return sim.tenant().unifiedGroups().stream().collect(Collectors.toMap(GroupView::id, g -> g));
	}

	private List<String> groupsCsv(long run) throws IOException {
		return Files.readAllLines(dir.resolve("reports/" + run + "/groups.csv"));
	}

	private JsonNode summary(long run) throws IOException {
		return SummarySchema.read(dir.resolve("reports/" + run + "/summary.json"));
	}

}

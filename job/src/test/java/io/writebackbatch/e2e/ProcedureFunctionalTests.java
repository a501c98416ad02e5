package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.writebackbatch.domain.EffectiveWriteback;
import io.writebackbatch.domain.Writeback;
import io.writebackbatch.report.SummarySchema;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.GroupView;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * The whole procedure: the new-group default, rollback (with conflicts) and the
 * member-limit audit.
 */
class ProcedureFunctionalTests {

	private static final String NEW_DEFAULT = "NewUnifiedGroupWritebackDefault";

	@TempDir
	Path dir;

	GraphSimulator sim;

	Cli cli;

	private void tenant(int groups, boolean withSetting) throws IOException {
		sim = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token("procedure-token")
			.seed(3)
			.unifiedGroups(groups)
			.nonUnifiedGroups(groups / 10)
			.withGroupUnifiedSetting(withSetting)
			.build());
		cli = new Cli(sim.baseUrl(), sim.token(), dir.resolve("reports"));
	}

	@AfterEach
	void stop() {
		sim.close();
	}

	@Test
	void settingIsCreatedFromItsTemplateWhenAbsentAndOnlyByApply() throws IOException {
		tenant(200, false);
		Path definition = definition("action: disable\nnewGroupWriteback: disabled\n");

		Cli.Result plan = cli.run("plan", "--definition", definition.toString());
		assertThat(plan.exitCode()).as(plan.all()).isZero();
		assertThat(sim.tenant().groupUnifiedSetting()).isEmpty();
		assertThat(plan.out()).contains("no Group.Unified setting object");

		Cli.Result apply = cli.run("apply", "--definition", definition.toString());

		assertThat(apply.exitCode()).as(apply.all()).isZero();
		Map<String, String> values = sim.tenant().groupUnifiedSetting().orElseThrow();
		assertThat(values).containsEntry(NEW_DEFAULT, "false")
			.containsEntry("AllowGuestsToAccessGroups", "true")
			.containsEntry("EnableMIPLabels", "false")
			.hasSizeGreaterThan(10);
		assertThat(summary(2).get("newGroupDefault").asString()).contains("CREATED");
	}

	@Test
	void settingIsUpdatedWhenPresentPreservingTheOtherValues() throws IOException {
		tenant(200, true);
		Map<String, String> before = new HashMap<>(sim.tenant().groupUnifiedSetting().orElseThrow());
		before.put("UsageGuidelinesUrl", "https://contoso.example/guidelines");
		before.put("AllowGuestsToAccessGroups", "false");
		sim.tenant().groupUnifiedSetting(before);

		Cli.Result apply = cli.run("apply", "--definition",
				definition("action: disable\nnewGroupWriteback: disabled\n").toString());

		assertThat(apply.exitCode()).as(apply.all()).isZero();
		Map<String, String> after = new HashMap<>(sim.tenant().groupUnifiedSetting().orElseThrow());
		assertThat(after.remove(NEW_DEFAULT)).isEqualTo("false");
		before.remove(NEW_DEFAULT);
		assertThat(after).isEqualTo(before);
	}

	@Test
	void rollbackRestoresEveryGroupsEffectiveStateAndTheSettingAndAnnouncesLiteralDifferences() throws IOException {
		tenant(400, false);
		Map<String, GroupView> before = snapshot();
		Path definition = definition("action: disable\nnewGroupWriteback: disabled\n");
		assertThat(cli.run("apply", "--definition", definition.toString()).exitCode()).isZero();
		int writes = sim.audit().size();

		Cli.Result dryRun = cli.run("rollback", "--run", "1");
		assertThat(dryRun.exitCode()).as(dryRun.all()).isZero();
		assertThat(sim.audit()).hasSize(writes);

		Cli.Result rollback = cli.run("rollback", "--run", "1", "--apply");

		assertThat(rollback.exitCode()).as(rollback.all()).isZero();
		Map<String, String> reasons = reasons(3);
		for (GroupView was : before.values()) {
			GroupView now = sim.tenant().group(was.id()).orElseThrow();
			assertThat(effective(now)).as(was.id()).isEqualTo(effective(was));
			if (!literal(now).equals(literal(was))) {
				assertThat(reasons.get(was.id())).as("announced difference for " + was.id()).contains("Graph cannot");
			}
		}
		assertThat(sim.tenant().groupUnifiedSetting().orElseThrow()).containsEntry(NEW_DEFAULT, "true");
		assertThat(summary(3).get("newGroupDefault").asString()).contains("created the object");

		// a rollback sticks: the unchanged definition's nightly is refused, writing
		// nothing, until an apply --new-run asks for it again
		int afterRollback = sim.audit().size();
		Cli.Result nightly = cli.run("scheduled", "--definition", definition.toString());
		assertThat(nightly.exitCode()).as(nightly.all()).isEqualTo(2);
		assertThat(nightly.err()).contains("run 1, the last apply")
			.contains("undone by rollback run 3")
			.contains("apply --new-run");
		assertThat(sim.audit()).as("writes of a refused nightly").hasSize(afterRollback);
		Cli.Result again = cli.run("apply", "--new-run", "--definition", definition.toString());
		assertThat(again.exitCode()).as(again.all()).isZero();
		assertThat(sim.tenant().groupUnifiedSetting().orElseThrow()).containsEntry(NEW_DEFAULT, "false");
	}

	@Test
	void groupsChangedBySomeoneElseAreConflictsLeftAloneUnlessForced() throws IOException {
		tenant(300, false);
		assertThat(cli.run("apply", "--definition", "jobs/disable-all.yaml").exitCode()).isZero();
		String changedByOthers = patched().get(0);
		sim.tenant().setWriteback(changedByOthers, true, "universalSecurityGroup");
		int before = patched().size();

		Cli.Result rollback = cli.run("rollback", "--run", "1", "--apply");

		assertThat(rollback.exitCode()).as(rollback.all()).isZero();
		assertThat(patched().subList(before, patched().size())).doesNotContain(changedByOthers);
		assertThat(reasons(2).get(changedByOthers)).contains("changed since run 1").contains("--force");
		assertThat(sim.tenant().group(changedByOthers).orElseThrow().onPremisesGroupType())
			.isEqualTo("universalSecurityGroup");

		sim.tenant().setWriteback(changedByOthers, false, "universalSecurityGroup");
		Cli.Result forced = cli.run("rollback", "--run", "1", "--apply", "--force");
		assertThat(forced.exitCode()).as(forced.all()).isZero();
		assertThat(sim.tenant().group(changedByOthers).orElseThrow().writebackEnabled()).isTrue();
	}

	/**
	 * Was a conflict for every group and for the setting ("changed since run 1 ... use
	 * --force to restore it anyway"): the second rollback took the first one's restores
	 * for someone else's changes, and advised forcing what needed nothing.
	 */
	@Test
	void aSecondRollbackOfARunFindsEverythingAlreadyRestoredAndWritesNothing() throws IOException {
		tenant(200, false);
		assertThat(cli
			.run("apply", "--definition", definition("action: disable\nnewGroupWriteback: disabled\n").toString())
			.exitCode()).isZero();
		Cli.Result first = cli.run("rollback", "--run", "1", "--apply");
		assertThat(first.exitCode()).as(first.all()).isZero();
		int writes = sim.audit().size();

		Cli.Result second = cli.run("rollback", "--run", "1", "--apply");

		assertThat(second.exitCode()).as(second.all()).isZero();
		assertThat(sim.audit()).as("what the second rollback wrote").hasSize(writes);
		assertThat(reasons(3)).isNotEmpty()
			.allSatisfy((id, row) -> assertThat(row).doesNotContain("CONFLICT", "--force"));
		assertThat(reasons(3).values()).anyMatch(row -> row.contains("put back since the run"));
		assertThat(summary(3).get("newGroupDefault").asString()).doesNotContain("CONFLICT", "--force")
			.contains("put back since the run");
	}

	@Test
	void memberAuditFlagsWrittenBackGroupsOverTheLimits() throws IOException {
		tenant(400, false);
		GroupView disabledByRun = sim.tenant()
			.unifiedGroups()
			.stream()
			.filter(g -> !g.onPremisesSyncEnabled() && !Boolean.FALSE.equals(g.writebackEnabled()))
			.findFirst()
			.orElseThrow();
		Path definition = definition(
				"action: disable\nmemberAudit: true\nfilters:\n  ids: [" + disabledByRun.id() + "]\n");

		Cli.Result plan = cli.run("plan", "--definition", definition.toString());

		assertThat(plan.exitCode()).as(plan.all()).isZero();
		List<GroupView> stayWrittenBack = sim.tenant()
			.unifiedGroups()
			.stream()
			.filter(g -> !g.onPremisesSyncEnabled() && !Boolean.FALSE.equals(g.writebackEnabled()))
			.filter(g -> !g.id().equals(disabledByRun.id()))
			.toList();
		long over50k = stayWrittenBack.stream().filter(g -> g.memberCount() > 50_000).count();
		long over250k = stayWrittenBack.stream().filter(g -> g.memberCount() > 250_000).count();
		assertThat(over50k).as("the tenant has groups over the limit").isPositive();
		assertThat(over250k).as("and groups over the hard limit").isPositive();
		JsonNode audit = summary(1).get("memberAudit");
		assertThat(audit.get("counted").asLong()).isEqualTo(stayWrittenBack.size());
		assertThat(audit.get("over50k").asLong()).isEqualTo(over50k);
		assertThat(audit.get("over250k").asLong()).isEqualTo(over250k);
		assertThat(plan.out()).contains("Over 50,000 members");
	}

	private static EffectiveWriteback effective(GroupView g) {
		return EffectiveWriteback.of(literal(g));
	}

	private static Writeback literal(GroupView g) {
		return new Writeback(g.writebackEnabled(), g.onPremisesGroupType());
	}

	private Map<String, GroupView> snapshot() {
		return sim.tenant().unifiedGroups().stream().collect(Collectors.toMap(GroupView::id, g -> g));
	}

	private List<String> patched() {
		return DisableAll.patchedGroups(sim);
	}

	private Path definition(String yaml) throws IOException {
		Path file = Files.createTempFile(dir, "definition", ".yaml");
		Files.writeString(file, yaml);
		return file;
	}

	/**
	 * Each group's plan reason in run {@code run}'s groups.csv (id is the first column,
	 * reason the seventh).
	 */
	private Map<String, String> reasons(long run) throws IOException {
		Map<String, String> reasons = new HashMap<>();
		for (String line : csvRows(run)) {
			reasons.put(line.substring(0, 36), line);
		}
		return reasons;
	}

	private List<String> csvRows(long run) throws IOException {
		List<String> lines = Files.readAllLines(dir.resolve("reports/" + run + "/groups.csv"));
		return lines.subList(1, lines.size());
	}

	private JsonNode summary(long run) throws IOException {
		return SummarySchema.read(dir.resolve("reports/" + run + "/summary.json"));
	}

}

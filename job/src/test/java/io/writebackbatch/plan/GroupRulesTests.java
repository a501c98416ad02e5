package io.writebackbatch.plan;

import static io.writebackbatch.plan.StagedGroupBuilder.group;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.writebackbatch.definition.JobDefinition;
import io.writebackbatch.definition.JobDefinitionLoader;
import io.writebackbatch.domain.Cloud;
import io.writebackbatch.domain.Decision;
import io.writebackbatch.domain.Outcome;
import io.writebackbatch.domain.PlannedGroup;
import io.writebackbatch.domain.ReasonCode;
import io.writebackbatch.domain.RunMode;
import io.writebackbatch.domain.Tenant;
import io.writebackbatch.domain.TenantId;
import io.writebackbatch.domain.Writeback;
import io.writebackbatch.runs.RunContext;
import io.writebackbatch.runs.RunKey;
import io.writebackbatch.staging.StagedGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The plan's three sets of rules, case by case; {@code -} in a table stands for null. */
class GroupRulesTests {

	static final String USG = "universalSecurityGroup";

	static final String UDG = "universalDistributionGroup";

	@TempDir
	Path dir;

	@ParameterizedTest(name = "{0}: isEnabled={1}, type={2} -> {3}")
	@CsvSource(nullValues = "-",
			textBlock = """
					disable,                                    -,     -,                      WILL_CHANGE,     false, -
					disable,                                    true,  universalSecurityGroup, WILL_CHANGE,     false, -
					disable,                                    false, -,                      ALREADY_DESIRED, -,     -
					disable,                                    false, universalSecurityGroup, ALREADY_DESIRED, -,     -
					enable,                                     -,     -,                      ALREADY_DESIRED, -,     -
					enable,                                     false, -,                      WILL_CHANGE,     true,  -
					enable as universalSecurityGroup,           -,     -,                      WILL_CHANGE,     true,  universalSecurityGroup
					enable as universalSecurityGroup,           true,  universalSecurityGroup, ALREADY_DESIRED, -,     -
					enable as universalSecurityGroup,           true,  UNIVERSALSECURITYGROUP, ALREADY_DESIRED, -,     -
					enable as universalSecurityGroup,           false, universalSecurityGroup, WILL_CHANGE,     true,  universalSecurityGroup
					""")
	void aDefinitionChangesOnlyGroupsNotAlreadyInTheWantedEffectiveState(String action, Boolean enabled, String type,
			ReasonCode reason, Boolean targetEnabled, String targetType) throws IOException {
		PlanRules rules = new PlanRules(definition(action.startsWith("enable as")
				? "action: enable\nonPremisesGroupType: " + action.substring("enable as ".length()) + "\n"
				: "action: " + action + "\n"));

		PlannedGroup planned = rules.decide(group().writeback(enabled, type).build());

		assertThat(planned.reasonCode()).isEqualTo(reason);
		assertThat(planned.decision()).isEqualTo(reason == ReasonCode.WILL_CHANGE ? Decision.CHANGE : Decision.SKIP);
		assertThat(planned.target()).isEqualTo(targetEnabled == null ? null : new Writeback(targetEnabled, targetType));
	}

	static Stream<Arguments> filteredGroups() {
		String other = "1f9b6c5e-1234-4c1d-9e7a-2b3c4d5e6f71";
		return Stream.of(Arguments.of(group().id(other), ReasonCode.EXCLUDED_BY_ID),
				Arguments.of(group().named("Project"), ReasonCode.NAME_NOT_INCLUDED),
				Arguments.of(group().named("Team Keep"), ReasonCode.NAME_EXCLUDED),
				Arguments.of(group().createdAt("2025-06-01T00:00:00Z"), ReasonCode.CREATED_AFTER_WINDOW),
				Arguments.of(group().createdAt("2019-06-01T00:00:00Z"), ReasonCode.CREATED_BEFORE_WINDOW),
				Arguments.of(group().createdAt(null), ReasonCode.CREATED_AFTER_WINDOW),
				Arguments.of(group().writeback(true, null), ReasonCode.STATE_NOT_SELECTED),
				Arguments.of(group().syncedFromOnPremises(), ReasonCode.ON_PREMISES_MASTERED),
				Arguments.of(group().roleAssignable(), ReasonCode.WILL_CHANGE_ROLE_ASSIGNABLE),
				Arguments.of(group(), ReasonCode.WILL_CHANGE));
	}

	@ParameterizedTest
	@MethodSource("filteredGroups")
	void theFirstFilterThatExcludesAGroupNamesTheReason(StagedGroupBuilder group, ReasonCode reason)
			throws IOException {
		PlanRules rules = new PlanRules(definition("""
				action: disable
				filters:
				  displayName:
				    include: ["^Team"]
				    exclude: ["Keep"]
				  createdBefore: 2025-01-01
				  createdAfter: 2020-01-01
				  writebackState: [notSet]
				  excludeIds: [1f9b6c5e-1234-4c1d-9e7a-2b3c4d5e6f71]
				"""));

		PlannedGroup planned = rules.decide(group.build());
		assertThat(planned.reasonCode()).isEqualTo(reason);
		if (reason == ReasonCode.WILL_CHANGE_ROLE_ASSIGNABLE) {
			// both permissions Microsoft's sources name, and that they disagree
			assertThat(planned.reason()).contains("RoleManagement.ReadWrite.Directory")
				.contains("PrivilegedAccess.ReadWrite.AzureADGroup")
				.contains("disagree");
		}
	}

	@ParameterizedTest(name = "before {0}/{1}, set to {2}/{3}, now {4}/{5}, force={6} -> {7}")
	@CsvSource(nullValues = "-",
			textBlock = """
					-,     -,                      false, -,                      false, -,                      false, WILL_CHANGE,     true,  -
					-,     -,                      true,  universalSecurityGroup, true,  universalSecurityGroup, false, WILL_CHANGE,     true,  universalDistributionGroup
					false, universalSecurityGroup, true,  universalSecurityGroup, true,  universalSecurityGroup, false, WILL_CHANGE,     false, -
					true,  -,                      false, universalSecurityGroup, false, universalSecurityGroup, false, WILL_CHANGE,     true,  universalDistributionGroup
					true,  -,                      false, -,                      true,  -,                      false, ALREADY_DESIRED, -,     -
					true,  -,                      false, -,                      true,  -,                      true,  ALREADY_DESIRED, -,     -
					-,     -,                      false, -,                      true,  -,                      false, ALREADY_DESIRED, -,     -
					true,  -,                      false, -,                      false, universalSecurityGroup, false, CONFLICT,        -,     -
					-,     -,                      false, -,                      true,  universalSecurityGroup, false, CONFLICT,        -,     -
					true,  -,                      false, -,                      false, universalSecurityGroup, true,  WILL_CHANGE,     true,  universalDistributionGroup
					""")
	void aRollbackRestoresTheEffectiveStateBeforeItsRun(Boolean beforeEnabled, String beforeType, Boolean setEnabled,
			String setType, Boolean nowEnabled, String nowType, boolean force, ReasonCode reason, Boolean targetEnabled,
			String targetType) {
		StagedGroup original = group().writeback(beforeEnabled, beforeType)
			.updatedBy(7, new Writeback(setEnabled, setType))
			.build();
		RollbackRules rules = new RollbackRules(7, force, id -> Optional.of(original));

		PlannedGroup planned = rules.decide(group().writeback(nowEnabled, nowType).build());

		assertThat(planned.reasonCode()).as(planned.reason()).isEqualTo(reason);
		assertThat(planned.target()).isEqualTo(targetEnabled == null ? null : new Writeback(targetEnabled, targetType));
	}

	@Test
	void aRollbackLeavesGroupsItsRunDidNotChange() {
		StagedGroup failed = group().plannedBy(7, new Writeback(false, null)).outcome(Outcome.FAILED).build();
		StagedGroup planned = group().plannedBy(7, new Writeback(false, null)).build();
		Map<String, Optional<StagedGroup>> rows = Map.of("failed", Optional.of(failed), "planned", Optional.of(planned),
				"absent", Optional.empty());

		rows.forEach(
				(name, row) -> assertThat(new RollbackRules(7, true, id -> row).decide(group().build()).reasonCode())
					.as(name)
					.isEqualTo(ReasonCode.NOT_CHANGED_BY_RUN));
	}

	@ParameterizedTest(name = "planned from {0}/{1}, now {2}/{3}, force={4} -> {5}")
	@CsvSource(nullValues = "-", textBlock = """
			-,    -, -,     -,                      false, WILL_CHANGE
			-,    -, true,  -,                      false, DRIFTED_SINCE_PLAN
			-,    -, false, universalSecurityGroup, true,  ALREADY_DESIRED
			-,    -, true,  universalSecurityGroup, true,  FORCED_OVER_DRIFT
			true, -, -,     -,                      false, DRIFTED_SINCE_PLAN
			""")
	void aReviewedPlanIsCarriedOutOnlyWhereTheGroupDidNotDrift(Boolean plannedEnabled, String plannedType,
			Boolean nowEnabled, String nowType, boolean force, ReasonCode reason) {
		Writeback target = new Writeback(false, null);
		StagedGroup planRow = group().writeback(plannedEnabled, plannedType).plannedBy(3, target).build();
		PlannedChangeRules rules = new PlannedChangeRules(3, force, id -> Optional.of(planRow));

		PlannedGroup planned = rules.decide(group().writeback(nowEnabled, nowType).build());

		assertThat(planned.reasonCode()).as(planned.reason()).isEqualTo(reason);
		assertThat(planned.target()).isEqualTo(planned.decision() == Decision.CHANGE ? target : null);
	}

	/**
	 * Issue 21: {@code apply --plan} patched a group whose re-read says
	 * {@code onPremisesSyncEnabled: true}; it is judged by the same rule as a plan,
	 * forced or not.
	 */
	@ParameterizedTest(name = "force={0}")
	@ValueSource(booleans = { false, true })
	void aPlannedGroupNowSyncedFromOnPremisesIsNeverWritten(boolean force) {
		StagedGroup planRow = group().plannedBy(3, new Writeback(false, null)).build();
		PlannedChangeRules rules = new PlannedChangeRules(3, force, id -> Optional.of(planRow));

		PlannedGroup planned = rules.decide(group().syncedFromOnPremises().build());

		assertThat(planned.reasonCode()).as(planned.reason()).isEqualTo(ReasonCode.ON_PREMISES_MASTERED);
		assertThat(planned.target()).isNull();
	}

	@Test
	void theRunChoosesItsRulesOnceAndTheyReadTheRightEarlierRun() throws IOException {
		List<Long> asked = new ArrayList<>();
		GroupRules.EarlierRows rows = (run, id) -> {
			asked.add(run);
			return Optional.of(group().updatedBy(run, new Writeback(false, null)).build());
		};
		StagedGroup disabled = group().writeback(false, null).build();

		assertThat(GroupRules.of(run(definition("action: disable\n"), null, null), rows)).isInstanceOf(PlanRules.class);
		GroupRules rollback = GroupRules.of(run(null, 7L, null), rows);
		assertThat(rollback.decide(disabled).reasonCode()).isEqualTo(ReasonCode.WILL_CHANGE);
		GroupRules plan = GroupRules.of(run(definition("action: disable\n"), null, 3L), rows);
		assertThat(plan.decide(disabled).reasonCode()).isEqualTo(ReasonCode.DRIFTED_SINCE_PLAN);

		assertThat(rollback).isInstanceOf(RollbackRules.class);
		assertThat(plan).isInstanceOf(PlannedChangeRules.class);
		assertThat(asked).containsExactly(7L, 3L);
	}

	private static RunContext run(JobDefinition definition, Long rollbackOf, Long appliesPlan) {
		return new RunContext(9, RunMode.APPLY,
				new RunKey(new Tenant(new TenantId("9b1f3c2e-5d4a-4e8b-9c7d-1a2b3c4d5e6f"), Cloud.GLOBAL), "name"),
				"name", "-", definition, rollbackOf, appliesPlan, false);
	}

	private JobDefinition definition(String yaml) throws IOException {
		Path file = dir.resolve("definition.yaml");
		Files.writeString(file, yaml);
		return new JobDefinitionLoader().load(file);
	}

}

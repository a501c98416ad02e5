package io.writebackbatch.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import io.writebackbatch.definition.JobDefinitionLoader;
import io.writebackbatch.domain.Decision;
import io.writebackbatch.domain.Outcome;
import io.writebackbatch.domain.PlannedGroup;
import io.writebackbatch.domain.ReasonCode;
import io.writebackbatch.domain.Writeback;
import io.writebackbatch.staging.StagedGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanRulesTests {

	static final String A = "0f9b6c5e-1234-4c1d-9e7a-2b3c4d5e6f70";

	static final String B = "1f9b6c5e-1234-4c1d-9e7a-2b3c4d5e6f71";

	@TempDir
	Path dir;

	@Test
	void disableChangesWrittenBackGroupsIncludingNotSetAndSkipsTheRest() throws IOException {
		PlanRules rules = rules("action: disable\n");

		assertThat(rules.decide(group(A, "Team", null, null)).decision()).isEqualTo(Decision.CHANGE);
		assertThat(rules.decide(group(A, "Team", true, "universalSecurityGroup")).target())
			.isEqualTo(new Writeback(false, null));
		assertThat(rules.decide(group(A, "Team", false, null)).reasonCode()).isEqualTo(ReasonCode.ALREADY_DESIRED);
	}

	@Test
	void enableWithATypeChangesGroupsWrittenBackAsAnotherType() throws IOException {
		PlanRules rules = rules("action: enable\nonPremisesGroupType: universalSecurityGroup\n");

		assertThat(rules.decide(group(A, "Team", null, null)).decision()).as("written back as distribution group")
			.isEqualTo(Decision.CHANGE);
		assertThat(rules.decide(group(A, "Team", true, "universalSecurityGroup")).reasonCode())
			.isEqualTo(ReasonCode.ALREADY_DESIRED);
		assertThat(rules.decide(group(A, "Team", false, "universalSecurityGroup")).target())
			.isEqualTo(new Writeback(true, "universalSecurityGroup"));
	}

	@Test
	void anIdListLimitsTheRun() throws IOException {
		PlanRules rules = rules("action: disable\nfilters:\n  ids: [" + A + "]\n");

		assertThat(reason(rules, group(B, "Team", null, null))).isEqualTo(ReasonCode.NOT_IN_ID_LIST);
		assertThat(reason(rules, group(A, "Team", null, null))).isEqualTo(ReasonCode.WILL_CHANGE);
	}

	@Test
	void rollbackRestoresTheEffectiveStateAndSaysWhatCannotBeRestoredLiterally() {
		RollbackRules rollback = new RollbackRules(7, false, id -> Optional.empty());
		StagedGroup before = updated(group(A, "Team", null, null), new Writeback(false, null));

		PlannedGroup plan = rollback.decide(group(A, "Team", false, null), Optional.of(before));

		assertThat(plan.decision()).isEqualTo(Decision.CHANGE);
		assertThat(plan.target()).isEqualTo(new Writeback(true, null));
		assertThat(plan.reason()).contains("cannot store null again");
	}

	@Test
	void rollbackOfATypeChangeRestoresTheEquivalentTypeWhereNullCannotBeSet() {
		RollbackRules rollback = new RollbackRules(7, false, id -> Optional.empty());
		StagedGroup before = updated(group(A, "Team", null, null), new Writeback(true, "universalSecurityGroup"));

		PlannedGroup plan = rollback.decide(group(A, "Team", true, "universalSecurityGroup"), Optional.of(before));

		assertThat(plan.target()).isEqualTo(new Writeback(true, "universalDistributionGroup"));
		assertThat(plan.reason()).contains("cannot reset it to null");
	}

	@Test
	void rollbackLeavesGroupsItDidNotChangeOrThatOthersChanged() {
		RollbackRules rollback = new RollbackRules(7, false, id -> Optional.empty());
		StagedGroup before = updated(group(A, "Team", true, null), new Writeback(false, null));

		assertThat(rollback.decide(group(A, "Team", true, null), Optional.empty()).reasonCode())
			.isEqualTo(ReasonCode.NOT_CHANGED_BY_RUN);
		assertThat(rollback.decide(group(A, "Team", true, "universalSecurityGroup"), Optional.of(before)).reasonCode())
			.isEqualTo(ReasonCode.CONFLICT);
		assertThat(new RollbackRules(7, true, id -> Optional.empty())
			.decide(group(A, "Team", false, "universalSecurityGroup"), Optional.of(before))
			.decision()).isEqualTo(Decision.CHANGE);
	}

	private PlanRules rules(String yaml) throws IOException {
		Path file = dir.resolve("definition.yaml");
		Files.writeString(file, yaml);
		return new PlanRules(new JobDefinitionLoader().load(file));
	}

	private static ReasonCode reason(PlanRules rules, StagedGroup group) {
		return rules.decide(group).reasonCode();
	}

	static StagedGroup group(String id, String name, Boolean enabled, String type) {
		return new StagedGroup(1, id, name, Instant.parse("2022-03-01T00:00:00Z"), false, new Writeback(enabled, type),
				null, null, null, null, null, null, null, null, null, null);
	}

	private static StagedGroup updated(StagedGroup g, Writeback target) {
		return new StagedGroup(7, g.groupId(), g.displayName(), g.createdAt(), false, g.previous(), Decision.CHANGE,
				ReasonCode.WILL_CHANGE, "", target, null, Outcome.UPDATED, 204, null, null, null);
	}

}
